import { useEffect, useState } from 'react';
import { videoArriving } from './remoteVideo';

/** Follows a stream's tracks (added, removed, muted, unmuted, ended) and says whether video arrives. */
export function useVideoArriving(stream: MediaStream | null): boolean {
  const [arriving, setArriving] = useState(false);
  useEffect(() => {
    if (!stream) {
      setArriving(false);
      return;
    }

    const watched = new Set<MediaStreamTrack>();
    const check = () => setArriving(videoArriving(stream.getTracks()));
    const watch = () => {
      for (const track of stream.getTracks()) {
        if (watched.has(track)) continue;
        watched.add(track);
        for (const event of ['mute', 'unmute', 'ended']) track.addEventListener(event, check);
      }
      check();
    };
    stream.addEventListener('addtrack', watch);
    stream.addEventListener('removetrack', check);
    watch();
    return () => {
      stream.removeEventListener('addtrack', watch);
      stream.removeEventListener('removetrack', check);
      for (const track of watched) for (const event of ['mute', 'unmute', 'ended']) track.removeEventListener(event, check);
    };
  }, [stream]);
  return arriving;
}
