export { defaultCredentials, MAX_BODY_BYTES, startEmulator } from "./server.js";
export { LOCAL_CREDENTIALS, type EmulatorOptions, type RunningEmulator } from "./options.js";
export { StoreFileError } from "./store.js";
