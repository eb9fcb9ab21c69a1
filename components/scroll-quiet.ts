// Work that waits until a list has stopped scrolling for a moment (the rows' thumbnails): a fast scroll then reads
// nothing from the store and decodes no image, and its frames keep to drawing the rows.
export interface ScrollQuiet {
  /** Called on each scroll of the list. */
  moved(): void;
  /** Runs `run` once `quietMs` have passed since this call and since the list last moved; returns a cancel function. */
  whenStill(run: () => void): () => void;
}

export function scrollQuiet(quietMs: number, now: () => number = () => performance.now()): ScrollQuiet {
  let lastMove = -Infinity;
  return {
    moved() {
      lastMove = now();
    },
    whenStill(run) {
      let timer: ReturnType<typeof setTimeout>;
      const check = () => {
        const wait = lastMove + quietMs - now();
        if (wait > 0) timer = setTimeout(check, wait);
        else run();
      };
      timer = setTimeout(check, quietMs);
      return () => clearTimeout(timer);
    },
  };
}
