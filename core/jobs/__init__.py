"""Jobs: the Celery app, the beat schedule assembled from enabled plugins, worker and beat."""
