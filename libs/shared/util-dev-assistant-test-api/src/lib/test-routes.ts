/**
 * The dev model server's test endpoints, present only with
 * `DEV_ASSISTANT_ENABLE_TEST_ENDPOINTS=true`: `POST scripts` queues a script (201 `{ id }`),
 * `GET requests` lists the completion requests received, `POST reset` clears both (204).
 */
export const DEV_ASSISTANT_TEST_ROUTES = {
  scripts: '/test/scripts',
  requests: '/test/requests',
  reset: '/test/reset',
} as const;
