/**
 * A tiny client for the partner API: one POST per operation with the headers the API needs,
 * typed results, typed errors, and an async iterator over the pages of partnerSubjects.
 */
import type { TypedDocumentNode } from "@graphql-typed-document-node/core";
import { type DocumentNode, getOperationAST, print } from "graphql";
import { PartnerApiError, type Redaction } from "./errors.js";

/** What the API's purposes are called (Purpose in the schema). */
export type PartnerPurpose = string;

export interface PartnerClientOptions {
  /** The GraphQL endpoint, e.g. https://privacy.example.com/graphql. */
  readonly url: string;
  /** The key the company issued: `privet_pk_…`. */
  readonly apiKey: string;
  /** The purpose every request declares unless one overrides it (X-Privet-Purpose). */
  readonly purpose?: PartnerPurpose;
  /** A reference for the purpose (a campaign, a ticket): X-Privet-Purpose-Ref. */
  readonly purposeRef?: string;
  /** A fetch to use instead of the global one (tests, proxies). */
  readonly fetch?: typeof fetch;
}

export interface RequestOptions {
  readonly purpose?: PartnerPurpose;
  readonly purposeRef?: string;
  readonly signal?: AbortSignal;
}

/** An answer: the data, and the fields withheld from it with their reasons. */
export interface PartnerResult<TData> {
  readonly data: TData;
  readonly redactions: readonly Redaction[];
}

interface GraphQLErrorBody {
  readonly message: string;
  readonly path?: ReadonlyArray<string | number>;
  readonly extensions?: Record<string, unknown>;
}

/** A connection as partnerSubjects returns it. */
export interface SubjectConnectionShape {
  readonly syncedAt: string;
  readonly edges: ReadonlyArray<{ readonly cursor: string; readonly node: unknown }>;
  readonly pageInfo: { readonly endCursor: string | null; readonly hasNextPage: boolean };
}

type PageVariables = { first: number; after?: string | null; changedSince?: string | null };

export interface PartnerClient {
  /** Sends one operation; throws PartnerApiError unless it has data (redactions are returned). */
  request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    options?: RequestOptions,
  ): Promise<PartnerResult<TData>>;
  /**
   * Every page of partnerSubjects, following endCursor until hasNextPage is false. Pass
   * `changedSince` for an incremental sync; keep the first page's `syncedAt` for the next one.
   */
  pages<
    TData extends { partnerSubjects: SubjectConnectionShape },
    TVariables extends PageVariables,
  >(
    document: TypedDocumentNode<TData, TVariables>,
    variables: Omit<TVariables, "after">,
    options?: RequestOptions,
  ): AsyncGenerator<PartnerResult<TData>, void, undefined>;
}

function operationName(document: DocumentNode): string | undefined {
  return getOperationAST(document)?.name?.value;
}

function redactionOf(error: GraphQLErrorBody): Redaction {
  const { extensions = {} } = error;
  return {
    path: (error.path ?? []).join("."),
    reason: typeof extensions.reason === "string" ? extensions.reason : "UNKNOWN",
    category: typeof extensions.category === "string" ? extensions.category : null,
  };
}

export function createPartnerClient(options: PartnerClientOptions): PartnerClient {
  const send = options.fetch ?? globalThis.fetch;
  const texts = new WeakMap<DocumentNode, string>();

  async function request<TData, TVariables extends Record<string, unknown>>(
    document: TypedDocumentNode<TData, TVariables>,
    variables: TVariables,
    requestOptions: RequestOptions = {},
  ): Promise<PartnerResult<TData>> {
    let query = texts.get(document);
    if (query === undefined) {
      query = print(document);
      texts.set(document, query);
    }
    const name = operationName(document);
    const headers: Record<string, string> = {
      authorization: `Bearer ${options.apiKey}`,
      "content-type": "application/json",
      accept: "application/graphql-response+json, application/json",
      // Apollo's CSRF prevention: a request naming its operation (or asking for a preflight)
      // cannot be a simple cross-site form post.
      "apollo-require-preflight": "true",
    };
    if (name) headers["x-apollo-operation-name"] = name;
    const purpose = requestOptions.purpose ?? options.purpose;
    const purposeRef = requestOptions.purposeRef ?? options.purposeRef;
    if (purpose) headers["x-privet-purpose"] = purpose;
    if (purposeRef) headers["x-privet-purpose-ref"] = purposeRef;

    let response: Response;
    try {
      response = await send(options.url, {
        method: "POST",
        headers,
        body: JSON.stringify({ query, variables, operationName: name }),
        ...(requestOptions.signal ? { signal: requestOptions.signal } : {}),
      });
    } catch (error) {
      throw new PartnerApiError(
        "NETWORK_ERROR",
        `The API could not be reached: ${String(error)}`,
        0,
      );
    }
    let body: { data?: TData | null; errors?: GraphQLErrorBody[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new PartnerApiError(
        "NETWORK_ERROR",
        `The API answered ${response.status} with a body that is not JSON.`,
        response.status,
      );
    }
    const errors = body.errors ?? [];
    const failure = errors.find((error) => error.extensions?.code !== "PRIVACY_REDACTED");
    if (failure || body.data === undefined || body.data === null) {
      const first = failure ?? errors[0];
      const code = (first?.extensions?.code as string | undefined) ?? "INTERNAL_SERVER_ERROR";
      throw new PartnerApiError(
        code,
        first?.message ?? `The API answered ${response.status} with no data.`,
        response.status,
        first?.extensions ?? {},
      );
    }
    return { data: body.data, redactions: errors.map(redactionOf) };
  }

  async function* pages<
    TData extends { partnerSubjects: SubjectConnectionShape },
    TVariables extends PageVariables,
  >(
    document: TypedDocumentNode<TData, TVariables>,
    variables: Omit<TVariables, "after">,
    requestOptions?: RequestOptions,
  ): AsyncGenerator<PartnerResult<TData>, void, undefined> {
    let after: string | null = null;
    for (;;) {
      const page: PartnerResult<TData> = await request(
        document,
        { ...variables, after } as unknown as TVariables,
        requestOptions,
      );
      yield page;
      const { pageInfo } = page.data.partnerSubjects;
      if (!pageInfo.hasNextPage || !pageInfo.endCursor) return;
      after = pageInfo.endCursor;
    }
  }

  return { request, pages };
}
