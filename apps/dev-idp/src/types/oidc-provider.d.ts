// oidc-provider ships no type declarations (and @types/oidc-provider is not installed):
// these cover only the parts the dev IdP uses.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export type UnknownObject = Record<string, unknown>;

  export interface ClientMetadata {
    client_id: string;
    client_name?: string;
    application_type?: 'web' | 'native';
    token_endpoint_auth_method?: 'none';
    redirect_uris: string[];
    post_logout_redirect_uris?: string[];
    grant_types?: string[];
    response_types?: string[];
    scope?: string;
    /** RFC 9449 §5.2: the client's tokens must be DPoP-bound (needs `features.dPoP`). */
    dpop_bound_access_tokens?: boolean;
  }

  export interface Client {
    clientId: string;
    clientName?: string;
    grantTypeAllowed(grantType: string): boolean;
  }

  export interface Session {
    accountId?: string;
  }

  export interface OidcContext {
    client?: Client;
    session?: Session;
    route: string;
  }

  export interface KoaContextWithOIDC {
    oidc: OidcContext;
    host: string;
    type: string;
    status: number;
    body: unknown;
  }

  export interface Token {
    kind: string;
    accountId?: string;
    clientId?: string;
  }

  /** A refresh token being issued; `iiat` is when the first refresh token of its grant was. */
  export interface RefreshToken extends Token {
    iiat: number;
    rotations?: number;
  }

  export type TtlFunction<T extends Token> = (
    ctx: KoaContextWithOIDC,
    token: T,
    client: Client,
  ) => number;

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<UnknownObject> | UnknownObject;
  }

  export interface ResourceServer {
    scope: string;
    audience: string;
    accessTokenFormat: 'jwt' | 'opaque';
    accessTokenTTL?: number;
    jwt?: { sign?: { alg: string } };
  }

  export interface JWKS {
    keys: UnknownObject[];
  }

  export type AdapterPayload = UnknownObject & {
    grantId?: string;
    uid?: string;
    userCode?: string;
    consumed?: number;
  };

  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export interface Configuration {
    adapter: (model: string) => Adapter;
    clients: ClientMetadata[];
    jwks: JWKS;
    cookies: { keys: string[] };
    claims: Record<string, string[]>;
    scopes: string[];
    responseTypes: string[];
    conformIdTokenClaims: boolean;
    findAccount(ctx: KoaContextWithOIDC, sub: string, token?: Token): Promise<Account | undefined>;
    extraTokenClaims(
      ctx: KoaContextWithOIDC,
      token: Token,
    ): Promise<UnknownObject | undefined> | UnknownObject | undefined;
    issueRefreshToken(
      ctx: KoaContextWithOIDC,
      client: Client,
      code: Token,
    ): Promise<boolean> | boolean;
    rotateRefreshToken(ctx: KoaContextWithOIDC): boolean;
    clientBasedCORS(ctx: KoaContextWithOIDC, origin: string, client: Client): boolean;
    interactions: { url(ctx: KoaContextWithOIDC, interaction: { uid: string }): string };
    pkce: { required(ctx: KoaContextWithOIDC, client: Client): boolean };
    ttl: {
      AccessToken: number;
      AuthorizationCode: number;
      IdToken: number;
      RefreshToken: TtlFunction<RefreshToken>;
      Interaction: number;
      Session: number;
      Grant: number;
    };
    renderError(
      ctx: KoaContextWithOIDC,
      out: Record<string, string>,
      error: Error,
    ): Promise<void> | void;
    features: {
      devInteractions: { enabled: boolean };
      dPoP: {
        enabled: boolean;
        /** 32 bytes from which nonces are derived, statelessly; without it there are none. */
        nonceSecret?: Buffer;
        requireNonce?(ctx: KoaContextWithOIDC): boolean;
      };
      revocation: {
        enabled: boolean;
        allowedPolicy?(
          ctx: KoaContextWithOIDC,
          client: Client,
          token: Token,
        ): Promise<boolean> | boolean;
      };
      resourceIndicators: {
        enabled: boolean;
        defaultResource(ctx: KoaContextWithOIDC): string;
        useGrantedResource(ctx: KoaContextWithOIDC): boolean;
        getResourceServerInfo(
          ctx: KoaContextWithOIDC,
          resourceIndicator: string,
          client: Client,
        ): ResourceServer;
      };
      rpInitiatedLogout: {
        enabled: boolean;
        logoutSource(ctx: KoaContextWithOIDC, form: string): Promise<void> | void;
        postLogoutSuccessSource(ctx: KoaContextWithOIDC): Promise<void> | void;
      };
    };
  }

  export interface InteractionDetails {
    uid: string;
    grantId?: string;
    params: UnknownObject & { client_id?: string };
    prompt: {
      name: 'login' | 'consent' | string;
      details: {
        missingOIDCScope?: string[];
        missingOIDCClaims?: string[];
        missingResourceScopes?: Record<string, string[]>;
      };
    };
    session?: Session;
  }

  export interface InteractionResults {
    login?: { accountId: string };
    consent?: { grantId?: string };
  }

  export class Grant {
    constructor(properties: { accountId: string; clientId: string });
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    addResourceScope(resource: string, scope: string): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Configuration);
    readonly issuer: string;
    readonly Client: { find(id: string): Promise<Client | undefined> };
    readonly Grant: typeof Grant & { find(id: string): Promise<Grant | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: InteractionResults,
      options?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
    on(event: 'server_error', listener: (ctx: KoaContextWithOIDC, error: Error) => void): this;
  }

  export namespace errors {
    class InvalidTarget extends Error {}
  }

  export default Provider;
}
