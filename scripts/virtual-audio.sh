#!/usr/bin/env bash
# Start a PulseAudio server with a virtual speaker and a virtual microphone
# (two null sinks), for tests and for machines with no sound card.
#   speaker          the default output; record it from speaker.monitor
#   micfeed          play audio into it; its monitor is the default input
# Safe to run twice. See docs/audio-stack.md for why this shape.
set -eu
if pactl info >/dev/null 2>&1; then
  echo "virtual-audio: PulseAudio already running"
else
  pulseaudio -D --exit-idle-time=-1 -n --load=module-native-protocol-unix \
    --load="module-null-sink sink_name=speaker" --load="module-null-sink sink_name=micfeed" \
    --log-target=stderr 2>/dev/null || pulseaudio -D --exit-idle-time=-1 -n --load=module-native-protocol-unix \
    --load="module-null-sink sink_name=speaker" --load="module-null-sink sink_name=micfeed"
  for _ in $(seq 50); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
fi
pactl list short sinks | grep -q speaker || pactl load-module module-null-sink sink_name=speaker >/dev/null
pactl list short sinks | grep -q micfeed || pactl load-module module-null-sink sink_name=micfeed >/dev/null
pactl set-default-sink speaker
pactl set-default-source micfeed.monitor
echo "virtual-audio: speaker (output) and micfeed.monitor (input) ready"
