"""The bundled stories and sample answers: installed inside the package as `coach.bundled` (see pyproject.toml)."""
