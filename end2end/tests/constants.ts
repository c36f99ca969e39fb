/** Password of the seeded demo accounts; the config starts the server with it. */
export const DEMO_PASSWORD = 'e2e-demo-password';
