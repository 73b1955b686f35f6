from django.apps import AppConfig


class DirectoryConfig(AppConfig):
    name = "luukku.directory"
    label = "directory"

    def ready(self) -> None:
        from luukku.assessment import recommendations
        from luukku.demo import registry as demo

        from . import services, work
        from .demo import seed_county_services, seed_test_services

        work.connect()
        recommendations.register(services.recommended)

        demo.register(demo.Seeder("directory", seed_test_services, demo.SERVICES + 2))
        demo.register(demo.Seeder("directory county", seed_county_services, demo.SCHEDULES + 2))
