import { describe, expect, it } from "vitest";
import { placeState, stateWhere } from "../../src/state/placement.js";

describe("where an environment's state lives", () => {
  it("is its own by default, beside the shared place it may have used before", () => {
    expect(placeState({ backend: "local" }, null)).toEqual({ config: { backend: "local" }, shared: null, ephemeral: true });
    expect(placeState({ backend: "local" }, "production")).toEqual({
      config: { backend: "local", path: ".push/state.production.json" },
      shared: { backend: "local" },
      ephemeral: true,
    });
    const pg = { backend: "postgres", url: "postgres://x" } as const;
    expect(placeState(pg, "Staging-EU")).toEqual({ config: { ...pg, schema: "push_staging_eu" }, shared: { ...pg, schema: "push" }, ephemeral: false });
    expect(placeState(pg, null)).toEqual({ config: pg, shared: null, ephemeral: false });
  });
  it("is the place the config names, for every environment that does not name another", () => {
    expect(placeState({ backend: "local", path: "state/p.json", persisted: true }, "production")).toEqual({
      config: { backend: "local", path: "state/p.json", persisted: true },
      shared: null,
      ephemeral: false,
    });
    expect(placeState({ backend: "postgres", url: "u", schema: "team" }, "production").config).toEqual({ backend: "postgres", url: "u", schema: "team" });
  });
  it("gives an environment name that is no plain file name a safe one", () => {
    expect(placeState({ backend: "local" }, "../x").config).toEqual({ backend: "local", path: ".push/state...%2Fx.json" });
    expect(stateWhere({ backend: "postgres", schema: "push_prod" })).toBe("PostgreSQL schema push_prod");
  });
});
