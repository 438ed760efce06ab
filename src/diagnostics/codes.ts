/**
 * Every diagnostic code the tool emits today, one union (issue 11, section 3). Rule codes are the rule files' names;
 * stage codes name the stage. `schema-${string}` covers the ajv keywords schema.ts maps by name (`schema-${keyword}`).
 */
export const DIAGNOSTIC_CODES = [
  // load: YAML
  "yaml-syntax", "yaml-alias-cycle", "yaml-alias-expansion", "yaml-depth", "file-too-large",
  // files and audience files
  "campaigns-missing", "path-missing", "campaign-file-not-regular", "campaign-link-broken", "campaign-link-loop", "campaign-link-outside",
  "audience-file-missing", "audience-file-outside", "audience-file-not-regular", "audience-file-not-text", "audience-file-not-ids",
  "audience-file-empty", "audience-id-duplicate", "audience-id-format", "audience-too-large",
  // config
  "config-app", "config-endpoint", "config-env", "config-env-provider", "config-load", "config-missing", "config-now", "config-null",
  "config-rate-limit", "config-shape", "config-state", "config-syntax", "config-timezone", "config-unknown-app", "config-unknown-env",
  "config-unknown-key", "clock-format",
  // validate: schema and structure
  "schema-required", "schema-unknown-key", "schema-type", "schema-enum", "schema-const", "schema-pattern", "schema-length",
  "schema-range", "schema-unique", "duplicate-id", "unknown-app", "json-text", "target-audience", "target-id-repeated",
  "schedule-shape", "schedule-time", "schedule-timezone", "schedule-in-past",
  // validate: rules (validate/rules/<provider>/<code>.ts)
  "field-not-supported", "notification-body-length", "android-title-length", "badge-conflict", "emas-continuous-target", "emas-sms",
  "emas-ttl-limit", "hmos-inbox-content", "hmos-title-bytes", "ios-title-bytes", "live-activity-single-device", "message-size",
  "platform-block-unused", "mpaas-loop-window", "mpaas-payload-size", "mpaas-sms-fields", "mpaas-title-content",
  // compile
  "emas-app-key-platform", "emas-content", "mpaas-target",
  // plan, refresh, lint
  "already-sent", "mpaas-scheduled-task-limit", "refresh-failed", "quiet-hours", "title-truncation",
  // command outputs
  "compile-out", "plan-out", "preview-out", "preview-chromium", "preview-png-failed", "preview-png-skipped",
] as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[number] | `schema-${string}`;
