#!/usr/bin/env python3
# recipes.py: the README's CI recipes, action.yml and the pre-commit hooks,
# run by what they run (steps.py) in temporary git repositories laid out as
# they assume: the plans at the repository root, and in a plans/ folder.
#
# Usage: recipes.py readme|action|pre-commit SOURCE_DIR PLAN_VALIDATE
#
# Each change is made on a branch 'pr' of a clone whose origin has 'main': one
# that keeps the plan set clean, one that adds warnings only, one that adds an
# error, one whose base has no plan set. No network: remotes are local paths, and actions other than
# actions/cache are stood in for (checkout has happened; upload-sarif checks
# the file it would upload). Exit status 0 passed, 1 failed.
import os
import shutil
import subprocess
import sys
import tempfile
import traceback

sys.dont_write_bytecode = True  # nothing is written into the source tree

try:
    import yaml
except ImportError:
    sys.exit("recipes.py: FAIL: python3-yaml is not installed (a test dependency)")

import steps

SET = "tests/e2e/sets/valid"
FAULT = ("amount_tkr: 120000", "amount_tkr: mycket")  # one schema diagnostic
CLEAN = ("Matsvinnet minskar", "Matsvinnet minskar tydligt")
WARN = ("contributes_to: [KF-2]", "contributes_to: [KF-1]")  # three warnings, no error
CHANGED = "planer/bun/verksamhetsplan.yaml"


class Failed(Exception):
    pass


def check(cond, what):
    if not cond:
        raise Failed(what)


class World:
    """A temporary directory with its own HOME and git set-up."""

    def __init__(self, source, validate):
        self.source = source
        self.tmp = tempfile.mkdtemp(prefix="plan-recipes.")
        self.home = os.path.join(self.tmp, "home")
        os.mkdir(self.home)
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": self.home, "LC_ALL": "C.UTF-8", "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_AUTHOR_NAME": "t", "GIT_AUTHOR_EMAIL": "t@t",
            "GIT_COMMITTER_NAME": "t", "GIT_COMMITTER_EMAIL": "t@t",
            "NO_COLOR": "1",
        }
        # Without any plan-validate, for the action to build its own.
        self.system_path = os.pathsep.join(
            d for d in self.env["PATH"].split(os.pathsep)
            if d and not os.path.exists(os.path.join(d, "plan-validate")))
        if validate:
            # plan-validate of this build first, under its own name.
            bindir = os.path.join(self.tmp, "bin")
            os.mkdir(bindir)
            os.symlink(os.path.abspath(validate), os.path.join(bindir, "plan-validate"))
            self.env["PATH"] = bindir + os.pathsep + self.env["PATH"]
        self.git("config", "--global", "init.defaultBranch", "main")
        self.git("config", "--global", "advice.detachedHead", "false")
        self.n = 0

    def git(self, *args, cwd=None, check=True):
        return subprocess.run(["git", *args], cwd=cwd, env=self.env, check=check,
                              stdout=subprocess.PIPE, text=True).stdout.strip()

    def repository(self, layout, change):
        """A checkout of branch 'pr' whose origin has 'main'; returns its path.
        layout: '.' or 'plans'; change: 'clean', 'fault', 'warning' or 'nobase'."""
        self.n += 1
        top = os.path.join(self.tmp, "r%d" % self.n)
        origin, work = top + "/origin.git", top + "/work"
        os.makedirs(top)
        self.git("init", "-q", "--bare", origin)
        self.git("init", "-q", work)
        self.git("remote", "add", "origin", origin, cwd=work)
        with open(os.path.join(work, "README.md"), "w") as f:
            f.write("Ekdala kommuns planer\n")
        plans = os.path.join(work, layout)
        if change != "nobase":
            shutil.copytree(os.path.join(self.source, SET), plans, dirs_exist_ok=True)
        self.git("add", "-A", cwd=work)
        self.git("commit", "-q", "-m", "base", cwd=work)
        self.git("push", "-q", "origin", "main", cwd=work)
        self.git("checkout", "-q", "-b", "pr", cwd=work)
        if change == "nobase":
            shutil.copytree(os.path.join(self.source, SET), plans, dirs_exist_ok=True)
        else:
            edit(os.path.join(plans, CHANGED), *CHANGES[change])
        self.git("add", "-A", cwd=work)
        self.git("commit", "-q", "-m", change, cwd=work)
        self.git("fetch", "-q", "origin", cwd=work)
        return work

    def close(self):
        shutil.rmtree(self.tmp, ignore_errors=True)


def edit(path, old, new):
    with open(path, encoding="utf-8") as f:
        text = f.read()
    check(old in text, "%s has no %r to change" % (path, old))
    with open(path, "w", encoding="utf-8") as f:
        f.write(text.replace(old, new, 1))


CHANGES = {"clean": CLEAN, "fault": FAULT, "warning": WARN}
# What each change gives: plan-validate's exit status and the SARIF results.
EXPECT = {"clean": (0, 0), "fault": (1, 1), "warning": (0, 3), "nobase": (2, None)}


def uploader(expected_results, seen):
    """upload-sarif: the file must exist and be SARIF with the results
    expected; a missing file fails the step, as the real action does."""
    def upload(runner, with_, env):
        path = os.path.join(runner.workspace, with_["sarif_file"])
        seen.append(path)
        if not os.path.exists(path):
            print("upload-sarif: no file %s" % path)
            return 1, {}
        steps.sarif_check(path, expected_results, runner.workspace)
        return 0, {}
    return upload


def pull_request(work, env, cache, upload, more=None, event="pull_request"):
    """A runner for a pull request into main (or a push, with no base
    branch): checkout has happened, uploads go to upload, more names other
    actions' stand-ins."""
    github = {"base_ref": "main" if event == "pull_request" else "", "event_name": event}
    return steps.Runner(work, github, env, cache,
                        dict({"actions/checkout": lambda r, w, e: (0, {}),
                              "github/codeql-action/upload-sarif": upload}, **(more or {})))


def annotation(layout):
    """The start of the annotation of FAULT, with the path from the root."""
    return "::error file=%s,line=" % os.path.normpath(os.path.join(layout, CHANGED))


def statuses(runner):
    return [(name, state, status) for name, state, status, _ in runner.log]


def readme(world):
    readme_path = os.path.join(world.source, "README.md")
    gh = steps.workflow_job(steps.readme_block(readme_path, "github-pr"))
    gl = steps.readme_block(readme_path, "gitlab-mr")
    for layout in (".", "plans"):
        for change, (status, results) in EXPECT.items():
            what = "github-pr, plans at %s, change %s" % (layout, change)
            print("--- " + what)
            work = world.repository(layout, change)
            seen = []
            job = dict(gh, env=dict(gh.get("env") or {}, PLANS=layout))
            runner = pull_request(work, world.env, os.path.join(world.tmp, "cache"),
                                  uploader(results, seen))
            job_status = runner.run_job(job)
            log = statuses(runner)
            check(len(log) == 4 and all(s == "ran" for _, s, _ in log),
                  "%s: every step runs (the upload also after a failure): %s" % (what, log))
            check(log[1][2] == status, "%s: the annotation step exits %s: %s" % (what, status, log))
            annotations = runner.log[1][3]
            if change == "fault":
                check(annotation(layout) in annotations,
                      "%s: no %r in %r" % (what, annotation(layout), annotations))
            sarif_ok = status in (0, 1)
            check((log[2][2] == 0) == sarif_ok,
                  "%s: the SARIF step %s: %s" % (what, "passes" if sarif_ok else "fails", log))
            check((log[3][2] == 0) == sarif_ok and seen,
                  "%s: upload-sarif %s: %s" % (what, "uploads" if sarif_ok else "fails", log))
            check(job_status == ("success" if status == 0 else "failure"),
                  "%s: the job's status is %s" % (what, job_status))

            what = "gitlab-mr, plans at %s, change %s" % (layout, change)
            print("--- " + what)
            env = dict(world.env, PLANS=layout,
                       CI_MERGE_REQUEST_DIFF_BASE_SHA=world.git("merge-base", "HEAD", "origin/main",
                                                                cwd=work))
            got = steps.gitlab_job(gl, "plan-validate", work, env)
            check(got == status, "%s: exit %s, not %s" % (what, got, status))


def action(world):
    """action.yml through the README's workflow, with a cache shared by runs
    on fresh machines (a HOME of their own each) and only the system's PATH:
    the plan-validate that runs is the one the action built."""
    readme_path = os.path.join(world.source, "README.md")
    job = steps.workflow_job(steps.readme_block(readme_path, "github-action"))
    action_yml = os.path.join(world.source, "action.yml")
    cache = os.path.join(world.tmp, "cache")
    runs = [  # layout, change, inputs over the recipe's, built here?, exit status, results
        (".", "fault", {}, True, 1, 1),
        ("plans", "clean", {}, False, 0, 0),
        ("plans", "fault", {"sarif": ""}, False, 1, None),
        (".", "warning", {}, False, 0, 3),
        (".", "warning", {"strict": "true"}, False, 1, 3),
        # No base: the whole plan set, which the change adds.
        (".", "nobase", {"base": ""}, False, 0, 0),
        ("plans", "nobase", {}, False, 2, None),
        # base auto outside a pull request: the whole plan set.
        ("plans", "nobase", {"event": "push"}, False, 0, 0),
    ]
    for n, (layout, change, inputs, builds, status, results) in enumerate(runs):
        what = "action run %d, plans at %s, change %s, inputs %s" % (n + 1, layout, change, inputs)
        print("--- " + what)
        work = world.repository(layout, change)
        home = os.path.join(world.tmp, "home%d" % n)
        os.mkdir(home)
        env = dict(world.env, HOME=home, PATH=world.system_path)
        seen, outputs = [], {}

        def plan_tools(runner, with_, step_env):
            status_, out = runner.run_action(action_yml, with_, step_env)
            outputs.update(out)
            return status_, out
        steps_ = [dict(s) for s in job["steps"]]
        event = inputs.pop("event", "pull_request")
        for s in steps_:
            if s.get("id") == "plans":
                s["with"] = dict(s.get("with") or {}, path=layout, **inputs)
        runner = pull_request(work, env, cache, uploader(results, seen),
                              {"<owner>/plan-tools": plan_tools}, event)
        job_status = runner.run_job(dict(job, steps=steps_))
        log = statuses(runner)
        built = [s for name, s, _ in log if name == "Build plan-tools"]
        check(built == ["ran" if builds else "skipped"],
              "%s: the build %s: %s" % (what, "runs" if builds else "comes from the cache", log))
        check(outputs.get("status") == str(status),
              "%s: output status %r, not %s" % (what, outputs.get("status"), status))
        want_sarif = "" if inputs.get("sarif") == "" or status == 2 else "plan-validate.sarif"
        check(outputs.get("sarif") == want_sarif, "%s: output sarif %r" % (what, outputs.get("sarif")))
        check(bool(seen) == bool(want_sarif),
              "%s: upload-sarif %s" % (what, "runs" if want_sarif else "is skipped"))
        check(log[-1][2] in (0, None), "%s: the upload fails: %s" % (what, log))
        check(job_status == ("success" if status == 0 else "failure"),
              "%s: the job's status is %s" % (what, job_status))
        if change == "fault":
            check(any(annotation(layout) in out for *_, out in runner.log),
                  "%s: no annotation %r" % (what, annotation(layout)))


def hooked_repository(world, exe, env, block, what, hook, layout, args=None, files=None):
    """A new repository with the README's configuration naming `hook` (with
    `args` and `files:` when given), pre-commit installed, and the plan set
    at `layout`, nothing committed; returns its path."""
    config = yaml.safe_load(block)
    entry = config["repos"][0]["hooks"][0]
    entry["id"] = hook
    entry.pop("args", None)
    if args:
        entry["args"] = args
    if files:
        entry["files"] = files
    work = os.path.join(world.tmp, "pc-%s-%s" % (layout.strip("."), hook))
    os.makedirs(work)
    world.git("init", "-q", work)
    with open(os.path.join(work, ".pre-commit-config.yaml"), "w") as f:
        yaml.safe_dump(config, f)
    p = subprocess.run([exe, "install"], cwd=work, env=env)
    check(p.returncode == 0, "%s: pre-commit install exits %d" % (what, p.returncode))
    shutil.copytree(os.path.join(world.source, SET), os.path.join(work, layout),
                    dirs_exist_ok=True)
    return work


def commit(world, work, env, message):
    """git commit -a with the hooks: (exit status, whether HEAD moved, output)."""
    world.git("add", "-A", cwd=work)
    head = world.git("rev-parse", "-q", "--verify", "HEAD^{commit}", cwd=work, check=False)
    p = subprocess.run(["git", "commit", "-q", "-m", message], cwd=work, env=env,
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    print(p.stdout)
    moved = world.git("rev-parse", "-q", "--verify", "HEAD^{commit}", cwd=work,
                      check=False) != head
    return p.returncode, moved, p.stdout


def pre_commit(world):
    """The hooks of .pre-commit-hooks.yaml, installed by the real pre-commit
    from a local clone (a tag of a repository holding them), as the README's
    configuration names them; git commit passes on a valid plan set and is
    refused on a broken one. plan-validate-files reports the staged files
    only."""
    exe = shutil.which("pre-commit", path=world.env["PATH"])
    check(exe, "pre-commit is not installed (a test dependency: apt-get install pre-commit)")
    print(subprocess.run([exe, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip())
    hooks = os.path.join(world.tmp, "hooks")
    os.mkdir(hooks)
    shutil.copy(os.path.join(world.source, ".pre-commit-hooks.yaml"), hooks)
    world.git("init", "-q", hooks)
    world.git("add", "-A", cwd=hooks)
    world.git("commit", "-q", "-m", "hooks", cwd=hooks)
    world.git("tag", "v0.1.0", cwd=hooks)
    block = steps.readme_block(os.path.join(world.source, "README.md"), "pre-commit")
    block = block.replace("<this repository's URL>", hooks).replace("<a tag>", "v0.1.0")
    env = dict(world.env, PRE_COMMIT_HOME=os.path.join(world.tmp, "pre-commit-cache"))
    for layout in (".", "plans"):
        for hook in ("plan-validate", "plan-validate-strict"):
            what = "pre-commit, hook %s, plans at %s" % (hook, layout)
            print("--- " + what)
            work = hooked_repository(world, exe, env, block, what, hook, layout,
                                     args=None if layout == "." else [layout])
            # A valid set, then warnings only (refused by the strict hook),
            # then an error: each commit is let through or refused.
            for change, passes in ((CLEAN, True), (WARN, hook == "plan-validate"), (FAULT, False)):
                if change is not CLEAN:
                    edit(os.path.join(work, layout, CHANGED), *change)
                status, moved, out = commit(world, work, env, change[1])
                check((status == 0) == passes and moved == passes,
                      "%s: the commit of %r is %s" % (what, change[1],
                                                     "refused" if not moved else "let through"))
                if not passes:
                    check(CHANGED + ":" in out, "%s: the hook's output names no fault" % what)
                    break
    # plan-validate-files: only the staged files' faults block a commit, so
    # an old fault in another file does not; with the plans in a folder,
    # files: keeps the repository's other YAML (this configuration) out.
    old = ("title: Varje elev får rätt stöd i tid", "title: 42")  # kontorsplan: a schema fault
    for layout in (".", "plans"):
        what = "pre-commit, hook plan-validate-files, plans at %s" % layout
        print("--- " + what)
        work = hooked_repository(world, exe, env, block, what, "plan-validate-files", layout,
                                 files=None if layout == "." else r"^plans/.*\.ya?ml$")
        world.git("add", "-A", cwd=work)
        world.git("commit", "-q", "--no-verify", "-m", "plans", cwd=work)
        edit(os.path.join(work, layout, "planer/bun/utbk/kontorsplan.yaml"), *old)
        world.git("commit", "-q", "--no-verify", "-a", "-m", "an old fault", cwd=work)
        for change, passes in ((CLEAN, True), (FAULT, False)):
            edit(os.path.join(work, layout, CHANGED), *change)
            status, moved, out = commit(world, work, env, change[1])
            check(moved == passes and (status == 0) == passes, "%s: the commit of %r is %s" % (
                what, change[1], "let through" if moved else "refused"))
            check("kontorsplan.yaml" not in out,
                  "%s: the old fault in a file not committed is reported" % what)
            if not passes:
                check(CHANGED + ":" in out, "%s: the hook's output names no fault" % what)


def main(argv):
    if len(argv) != 4 or argv[1] not in ("readme", "action", "pre-commit"):
        print("usage: recipes.py readme|action|pre-commit SOURCE_DIR PLAN_VALIDATE",
              file=sys.stderr)
        return 2
    world = World(os.path.abspath(argv[2]), argv[3])
    try:
        {"readme": readme, "action": action, "pre-commit": pre_commit}[argv[1]](world)
    except (Failed, steps.RecipeError) as e:
        print("recipes.py %s: FAIL: %s" % (argv[1], e), file=sys.stderr)
        return 1
    except Exception:
        traceback.print_exc()
        return 1
    finally:
        world.close()
    print("recipes.py %s: ok" % argv[1])
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
