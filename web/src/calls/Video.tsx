import { useEffect, useRef } from 'react';

/** A video element playing a MediaStream (srcObject cannot be set as an attribute). */
export function Video({ id, stream, muted, label }: { id: string; stream: MediaStream | null; muted: boolean; label: string }) {
  const element = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (element.current && element.current.srcObject !== stream) element.current.srcObject = stream;
  }, [stream]);
  return <video id={id} ref={element} autoPlay playsInline muted={muted} aria-label={label} />;
}
