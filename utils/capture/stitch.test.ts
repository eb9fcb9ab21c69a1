import { describe, expect, it } from 'vitest';
import { placeSlice, planSlices, stitchedSize, type SlicePlanInput } from './stitch';

const base: SlicePlanInput = { postTop: 0, postHeight: 300, viewportHeight: 400, maxScrollY: 10_000, scrollY: 0, maxHeight: 32_000 };

/** Replays a plan as the page would: scroll (clamped), read the post's top, place each slice in a screenshot. */
function stitch(input: SlicePlanInput, dpr: number, viewportWidth = 800) {
  const plan = planSlices(input);
  const imageWidth = Math.round(viewportWidth * dpr);
  const imageHeight = Math.round(input.viewportHeight * dpr);
  const rows: number[] = [];
  let clipped = false;
  for (const slice of plan.slices) {
    const rect = { x: 20, y: input.postTop - slice.scrollY, width: 600, height: input.postHeight };
    const place = placeSlice({ rect, rows: slice, viewportWidth }, imageWidth, imageHeight)!;
    clipped ||= place.clipped !== undefined;
    for (let row = 0; row < place.sh; row++) rows.push(place.dy + row);
  }
  const size = stitchedSize({ rect: { x: 20, y: 0, width: 600, height: input.postHeight }, rows: { from: 0, to: 1 }, viewportWidth }, plan.height, imageWidth);
  return { plan, rows, clipped, size };
}

describe('planSlices', () => {
  it('takes a post that is fully visible as one slice, without scrolling', () => {
    expect(planSlices({ ...base, postTop: 150, scrollY: 100 })).toEqual({ slices: [{ scrollY: 100, from: 0, to: 300 }], height: 300 });
  });

  it('scrolls a post that fits but is partly out of view to the top of the window', () => {
    expect(planSlices({ ...base, postTop: 900.5, scrollY: 0 }).slices).toEqual([{ scrollY: 900, from: 0, to: 300 }]);
  });

  it('covers a tall post with slices that meet exactly, the last one aligned to the bottom of the window', () => {
    const plan = planSlices({ ...base, postTop: 120, postHeight: 1000 });
    expect(plan.slices).toEqual([
      { scrollY: 120, from: 0, to: 398 },
      { scrollY: 518, from: 398, to: 796 },
      { scrollY: 721, from: 796, to: 1000 },
    ]);
    expect(plan.height).toBe(1000);
  });

  it('never asks to scroll past the end of the page', () => {
    const plan = planSlices({ ...base, postTop: 120, postHeight: 1000, maxScrollY: 600 });
    expect(Math.max(...plan.slices.map((s) => s.scrollY))).toBe(600);
  });

  it('stops at the tallest image the browser can draw', () => {
    const plan = planSlices({ ...base, postHeight: 50_000, maxHeight: 16_000 });
    expect(plan.height).toBe(16_000);
    expect(plan.slices.at(-1)!.to).toBe(16_000);
  });
});

describe('placeSlice and stitching', () => {
  for (const dpr of [1, 1.25, 1.5, 2, 3]) {
    it(`fills every row of a tall post exactly once at device pixel ratio ${dpr}`, () => {
      for (const postTop of [0, 37.4, 120.5]) {
        for (const postHeight of [401, 999.5, 2345.25]) {
          const { rows, clipped, size } = stitch({ ...base, postTop, postHeight, maxScrollY: 100_000 }, dpr);
          expect(clipped).toBe(false);
          expect(rows).toEqual(Array.from({ length: size.height }, (_, i) => i));
          expect(Math.abs(size.height - postHeight * dpr)).toBeLessThanOrEqual(1);
        }
      }
    });
  }

  it('reads the scale from the image, not from devicePixelRatio', () => {
    expect(placeSlice({ rect: { x: 10, y: 20, width: 300, height: 100 }, rows: { from: 0, to: 100 }, viewportWidth: 800 }, 1600, 1200)).toEqual({
      sx: 20, sy: 40, sw: 600, sh: 200, dy: 0,
    });
  });

  it('says when rows could not be brought into the window', () => {
    const place = placeSlice({ rect: { x: 0, y: 500, width: 800, height: 400 }, rows: { from: 0, to: 400 }, viewportWidth: 800 }, 800, 600);
    expect(place).toEqual({ sx: 0, sy: 500, sw: 800, sh: 100, dy: 0, clipped: 'rows' });
  });

  it('says when the post is wider than the window', () => {
    const place = placeSlice({ rect: { x: -10, y: 0, width: 900, height: 100 }, rows: { from: 0, to: 100 }, viewportWidth: 800 }, 800, 600);
    expect(place).toMatchObject({ sx: 0, sw: 800, clipped: 'width' });
  });

  it('returns null when the slice is entirely outside the window', () => {
    expect(placeSlice({ rect: { x: 0, y: 700, width: 800, height: 100 }, rows: { from: 0, to: 100 }, viewportWidth: 800 }, 800, 600)).toBeNull();
  });
});
