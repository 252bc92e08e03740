// Item ids: a readable slug of the name plus a short random suffix ("lego-truck-k3f9q2").
import { randomBytes } from 'node:crypto';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

export function randomSuffix(length = 6): string {
  const bytes = randomBytes(length);
  let out = '';
  for (let i = 0; i < length; i++) out += ALPHABET[bytes[i] % ALPHABET.length];
  return out;
}

export function slugify(name: string, maxLength = 40): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/g, '');
}

/** New id matching ItemIdSchema: `<slug>-<suffix>`, or `<fallback>-<suffix>` for empty slugs. */
export function makeItemId(name: string, fallback = 'item'): string {
  return `${slugify(name) || fallback}-${randomSuffix()}`;
}

export function makeJobId(): string {
  return `job-${Date.now().toString(36)}-${randomSuffix(6)}`;
}
