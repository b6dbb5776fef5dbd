import { describe, expect, it } from 'vitest';
import { mpiiHeldOut } from './datasets';

describe('the MPII held-out split', () => {
  it('puts a whole photo on the same side as its person crops', () => {
    const names = Array.from({ length: 200 }, (_, i) => `${String(1000 + i * 7919).padStart(9, '0')}.jpg`);
    for (const photo of names) expect(mpiiHeldOut(photo)).toBe(mpiiHeldOut(photo.replace('.jpg', '_3.jpg')));
    expect(names.filter(mpiiHeldOut).length).toBeGreaterThan(0);
  });
});
