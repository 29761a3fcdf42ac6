// Signs the operator out after the office's idle time with no keyboard, mouse or touch input,
// so a till left open does not sell under someone else's name.
import { useEffect, useRef } from 'react';

const ACTIVITY = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;

export function useIdleSignOut(minutes: number, onIdle: () => void) {
  const onIdleRef = useRef(onIdle);
  useEffect(() => {
    onIdleRef.current = onIdle;
  }, [onIdle]);

  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => onIdleRef.current(), minutes * 60_000);
    };
    arm();
    for (const type of ACTIVITY) window.addEventListener(type, arm, { passive: true });
    return () => {
      clearTimeout(timer);
      for (const type of ACTIVITY) window.removeEventListener(type, arm);
    };
  }, [minutes]);
}
