/**
 * A fake API object that refuses what it does not fake. Reading a member that the fake does
 * not define throws `NotFakedError` ("messenger.compose.beginNew is not faked") instead of
 * giving `undefined`, so code under test can never pass by silently skipping a call, and a
 * test never asserts on an API nobody modelled.
 */

export class NotFakedError extends Error {
  override readonly name = "NotFakedError";
}

/**
 * Names that test tooling and the language read on any object, and that no WebExtension API
 * defines: `then` (awaiting a value that holds a namespace), `toJSON` (serialising), the
 * matchers and printers of the test runner. They read as on a plain object.
 */
const INTROSPECTION: ReadonlySet<string> = new Set(["then", "toJSON", "asymmetricMatch", "$$typeof", "nodeType", "constructor"]);

const wrapped = new WeakMap<object, object>();

/** Plain objects are namespaces (`messenger.compose`, `messenger.storage.local`): wrapped in turn. */
function isNamespace(value: unknown): value is object {
  if (typeof value !== "object" || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * `target` seen through a proxy that throws `NotFakedError` for every member it does not own,
 * and refuses assignments (a fake is changed through its host, where it stays typed).
 * `path` names the object in the messages (`messenger.compose`).
 */
export function strict<T extends object>(target: T, path: string): T {
  return new Proxy(target, {
    get(obj, prop, receiver) {
      if (typeof prop === "symbol" || INTROSPECTION.has(prop)) return Reflect.get(obj, prop, receiver) as unknown;
      if (!Object.hasOwn(obj, prop)) throw new NotFakedError(`${path}.${prop} is not faked`);
      const value: unknown = Reflect.get(obj, prop, receiver);
      if (!isNamespace(value)) return value;
      const known = wrapped.get(value);
      if (known !== undefined) return known;
      const proxy = strict(value, `${path}.${prop}`);
      wrapped.set(value, proxy);
      return proxy;
    },
    set(_obj, prop) {
      throw new NotFakedError(`${path}.${String(prop)} cannot be assigned: change the fake through its host (override)`);
    },
    deleteProperty(_obj, prop) {
      throw new NotFakedError(`${path}.${String(prop)} cannot be deleted: change the fake through its host (unfake)`);
    },
  });
}
