import { compileProject } from "../../../src/compile/index.js";
import type { ResolvedApp } from "../../../src/model/app.js";
import type { Campaign } from "../../../src/model/campaign.js";
import { previewDocument, type PreviewDocument } from "../../../src/render/preview/document.js";

const APPS: Record<string, ResolvedApp> = {
  shop: { name: "shop", provider: "emas", appKeys: { all: 233586006 } },
  wallet: { name: "wallet", provider: "mpaas", appId: "ONEX570DA89211721", workspaceId: "test", providerTimezone: "Asia/Shanghai" },
};

const DEFAULT_ZONE = "Asia/Shanghai";

/** Compiles inline campaigns (pure: no files) and reads the preview document of them, as `push preview` does. */
export function previewOf(campaigns: Array<Partial<Campaign> & { id: string; app: string }>, now: string): PreviewDocument {
  const full = campaigns.map((c, document) => ({
    campaign: { target: { devices: ["device-1"] }, ...c } as Campaign,
    source: { file: "campaigns/c.yaml", document, line: 1 + document * 10 },
  }));
  const clock = Date.parse(now);
  const compiled = compileProject(full, { apps: APPS, now: clock, defaultTimezone: DEFAULT_ZONE, audienceFiles: {} });
  const errors = compiled.diagnostics.filter((d) => d.severity === "error");
  if (errors.length) throw new Error(`the test campaigns do not compile: ${errors.map((d) => d.message).join("; ")}`);
  return previewDocument({
    now: clock,
    providerZones: { wallet: "Asia/Shanghai" },
    campaigns: full.map(({ campaign, source }) => ({
      info: {
        id: campaign.id,
        ...(campaign.name ? { name: campaign.name } : {}),
        app: campaign.app,
        provider: APPS[campaign.app]!.provider,
        timezone: campaign.schedule?.timezone ?? DEFAULT_ZONE,
        protect: false,
        source: { file: source.file, line: source.line },
      },
      ...(campaign.description ? { description: campaign.description } : {}),
      ...(campaign.schedule ? { schedule: campaign.schedule } : {}),
      tasks: compiled.tasks.filter((t) => t.campaign === campaign.id),
      ...laterTasks(compiled, campaign.id, full),
    })),
  });
}

/** As `push preview` does: a campaign compile deferred whole is shown as compiled at its next send. */
function laterTasks(
  compiled: ReturnType<typeof compileProject>,
  id: string,
  full: Parameters<typeof compileProject>[0],
): { laterTasks?: ReturnType<typeof compileProject>["tasks"] } {
  const deferred = compiled.deferred.find((d) => d.campaign === id);
  if (compiled.tasks.some((t) => t.campaign === id) || !deferred?.next) return {};
  const later = compileProject(
    full.filter((c) => c.campaign.id === id),
    { apps: APPS, now: Date.parse(deferred.next), defaultTimezone: DEFAULT_ZONE, audienceFiles: {} },
  );
  return { laterTasks: later.tasks };
}
