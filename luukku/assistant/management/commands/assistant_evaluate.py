"""Report Assi's top-1 accuracy, correct-refusal rate, emergency recall and latency on the labelled set."""

from django.core.management.base import BaseCommand

from luukku.assistant import evaluation


class Command(BaseCommand):
    help = "Evaluate Assi on the labelled question set (dev, heldout or all)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--split", choices=["dev", "heldout", "all"], default="heldout")
        parser.add_argument("--misses", action="store_true", help="list the questions answered wrong")

    def handle(self, *args, **options) -> None:
        report = evaluation.evaluate(options["split"])
        for line in report.lines():
            self.stdout.write(line)
        if options["misses"]:
            for question, got in report.misses:
                self.stdout.write(f"  {question.expected:28} {question.language} {question.text!r} -> {got}")
