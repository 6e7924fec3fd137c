"""Fields (领域): what a speech on a topic knows — the catalogue read from the bank's field files,
and how a topic, or a writer's own point, finds its field and task."""
