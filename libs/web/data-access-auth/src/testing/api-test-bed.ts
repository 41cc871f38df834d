export const FORBIDDEN = { status: 403, statusText: 'Forbidden' };

/** The API's 403 body for a token without the group. */
export function groupRequiredBody(requiredGroups: unknown[]) {
  return {
    statusCode: 403,
    error: 'Forbidden',
    code: 'group_required',
    message: 'm',
    requiredGroups,
  };
}
