import * as Schema from "effect/Schema"

/**
 * A body `{ [key]: A }` decoded as `A`: single-object envelopes (`{"ledger": …}`, `{"instance": …}`) are
 * unwrapped, and encoding puts the value back under its key.
 */
export const envelope = <A, I, K extends string>(
  key: K,
  schema: Schema.Schema<A, I>
): Schema.Schema<A, { readonly [k in K]: I }> =>
  Schema.transform(Schema.Struct({ [key]: schema } as { [k in K]: Schema.Schema<A, I> }), Schema.typeSchema(schema), {
    strict: true,
    decode: (wrapped) => (wrapped as unknown as Record<K, A>)[key],
    encode: (value) => ({ [key]: value }) as any
  }) as any
