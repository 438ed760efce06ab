import { describe, expect, it } from "vitest";
import { loadFontCatalogue } from "../../../src/render/preview/font-files.js";
import { facesFor, fontFaceCss, parseFontFaces, SANS_STACK, withFonts } from "../../../src/render/preview/fonts.js";

const catalogue = loadFontCatalogue();
const families = (text: string) => [...new Set(facesFor(catalogue.faces, text, [SANS_STACK]).map((f) => f.family))];

describe("the shipped fonts a preview carries", () => {
  it("reads every family of the stack from the installed packages, in the four weights", () => {
    for (const family of SANS_STACK) {
      expect(new Set(catalogue.faces.filter((f) => f.family === family).map((f) => f.weight))).toEqual(new Set([400, 500, 600, 700]));
    }
    const latin = catalogue.faces.find((f) => f.family === "Noto Sans" && f.weight === 400 && f.file.includes("-latin-400"))!;
    expect(catalogue.read(latin).subarray(0, 4).toString("latin1")).toBe("wOF2");
  });

  it("takes, for each character, the first family of the stack that has it: Latin, then emoji, then Chinese", () => {
    expect(families("Order shipped")).toEqual(["Noto Sans"]);
    expect(families("订单")).toEqual(["Noto Sans SC"]);
    // Noto Sans SC's ranges hold 🌀 too; the emoji font comes first, so the Chinese font's file is not carried.
    expect(catalogue.faces.some((f) => f.family === "Noto Sans SC" && f.ranges.some(([a, b]) => 0x1f300 >= a && 0x1f300 <= b))).toBe(true);
    expect(families("🌀")).toEqual(["Noto Emoji"]);
    // Digits are in the emoji font's ranges (keycaps) but drawn by Noto Sans.
    expect(families("2026")).toEqual(["Noto Sans"]);
  });

  it("carries only the files the text needs: a few Chinese subsets, not the family's hundred", () => {
    const faces = facesFor(catalogue.faces, "您的订单已发货", [SANS_STACK]);
    expect(faces.length).toBeGreaterThan(0);
    expect(faces.length).toBeLessThanOrEqual(4 * 7);
    expect(catalogue.faces.filter((f) => f.family === "Noto Sans SC").length).toBeGreaterThan(100 * 4);
  });

  it("writes @font-face rules that read back as the same faces, and puts them in the page's head", () => {
    const faces = facesFor(catalogue.faces, "Hi 你好 🎉", [SANS_STACK]);
    const css = fontFaceCss(faces);
    const again = parseFontFaces(css.replace(/url\(([^)]+)\)/g, "url(./files/$1)"));
    expect(again).toEqual(faces);
    const page = withFonts("<html><head><title>t</title></head><body>Hi</body></html>", css);
    expect(page.indexOf(css)).toBeGreaterThan(0);
    expect(page.indexOf(css)).toBeLessThan(page.indexOf("</head>"));
    expect(() => withFonts("<p>no head</p>", css)).toThrow(/without <\/head>/);
  });
});
