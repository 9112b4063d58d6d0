/**
 * Registers the built-in providers for `Client.fromEnv()`, in default-provider order.
 * @module
 */
export {};
