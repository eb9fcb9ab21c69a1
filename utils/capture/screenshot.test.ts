import { describe, expect, it } from 'vitest';
import { cropInPixels } from './screenshot';

describe('cropInPixels', () => {
  it('scales CSS pixels by the image/viewport ratio (device pixel ratio 2)', () => {
    expect(cropInPixels({ x: 10, y: 20, width: 300, height: 100 }, 800, 1600, 1200)).toEqual({
      sx: 20, sy: 40, sw: 600, sh: 200, clipped: false,
    });
  });

  it('clamps a post that runs past the bottom of the window and says it was clipped', () => {
    const crop = cropInPixels({ x: 0, y: 500, width: 800, height: 400 }, 800, 800, 600);
    expect(crop).toEqual({ sx: 0, sy: 500, sw: 800, sh: 100, clipped: true });
  });

  it('returns null when the post is entirely outside the window', () => {
    expect(cropInPixels({ x: 0, y: 700, width: 800, height: 100 }, 800, 800, 600)).toBeNull();
  });

  it('handles fractional rectangles without losing an edge row', () => {
    const crop = cropInPixels({ x: 0.4, y: 0.6, width: 10.2, height: 10.2 }, 100, 150, 150);
    expect(crop).toMatchObject({ sx: 0, sy: 0, sw: 16, sh: 17, clipped: false });
  });
});
