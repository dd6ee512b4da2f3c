"""coach: a local voice practice coach for behavioral (STAR) interviews.

No network, ever. Two dependencies would otherwise reach out, so they are told not to before either
is loaded (importing any part of coach runs this first):
- onnxruntime, which faster-whisper loads for its Silero voice detector, ships with Microsoft's 1DS
  telemetry on: it keeps a device id and an event queue in ~/.cache/Microsoft and sends them to
  mobile.events.data.microsoft.com (DNS queries seen under `strace -f -e trace=network`). Its
  Privacy.md: `ORT_DISABLE_TELEMETRY=1` "before ONNX Runtime initializes" stops the uploader, the
  events and the device id for the whole process. tests/test_offline.py traces a real grade.
- huggingface_hub (faster-whisper's model downloader): coach never downloads a model.
"""

import os

__version__ = "0.1.0"

OFFLINE_ENV = {"ORT_DISABLE_TELEMETRY": "1", "HF_HUB_OFFLINE": "1", "HF_HUB_DISABLE_TELEMETRY": "1"}
os.environ.update(OFFLINE_ENV)
