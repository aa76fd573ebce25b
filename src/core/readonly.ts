/**
 * The type of an answer as the client hands it out. Answers are shared through the response cache, which
 * freezes them deeply so that one caller cannot change what the next one reads; this type makes the compiler
 * refuse the assignment that would otherwise only fail at run time.
 */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends ReadonlyMap<infer K, infer V>
    ? ReadonlyMap<DeepReadonly<K>, DeepReadonly<V>>
    : T extends ReadonlySet<infer V>
      ? ReadonlySet<DeepReadonly<V>>
      : T extends object
        ? // Homomorphic over arrays and tuples too: `T[]` becomes `readonly DeepReadonly<T>[]`.
          { readonly [K in keyof T]: DeepReadonly<T[K]> }
        : T;
