export async function loadStore() {
  const [{ default: store }, actions] = await Promise.all([import("store/store"), import("store/actions")]);
  return { store, actions };
}
