#!/usr/bin/env bash
# Makes sure a headless Chromium exists for `push preview`'s PNG images and its e2e suite
# (test/render/preview/png.e2e.test.ts). playwright-core drives the system browser and never downloads one.
# Debian's package is `chromium` (/usr/bin/chromium); a CJK font and an emoji font keep Chinese campaign text (the
# providers' apps mostly speak Chinese) and emoji from rendering as empty boxes.
set -euo pipefail
packages=()
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then packages+=(chromium); fi
if ! command -v fc-list >/dev/null 2>&1 || [ -z "$(fc-list :lang=zh 2>/dev/null)" ]; then packages+=(fonts-wqy-zenhei); fi
if ! command -v fc-list >/dev/null 2>&1 || ! fc-list : family 2>/dev/null | grep -i emoji >/dev/null; then packages+=(fonts-noto-color-emoji); fi
if [ ${#packages[@]} -eq 0 ]; then exit 0; fi
echo "installing ${packages[*]} (Debian packages)"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
