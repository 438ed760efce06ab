export { defineConfig } from "./config/define.js";
export type { PushConfig, AppConfig, EmasAppConfig, MpaasAppConfig, StateConfig } from "./config/define.js";
