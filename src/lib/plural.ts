/** `1 device id`, `3,000 device ids`, `2 aliases`: a count and its noun, for every page and comment push writes. */
export const plural = (n: number, noun: string): string => `${n.toLocaleString("en-US")} ${noun}${n === 1 ? "" : noun.endsWith("s") ? "es" : "s"}`;
