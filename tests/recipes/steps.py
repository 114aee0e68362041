# steps.py: runs CI recipes as their runners would, so that the README's
# recipes and action.yml are tested by what they run, not by reading them.
#
# GitHub Actions: a job's or a composite action's steps in order, each `run:`
# in `bash --noprofile --norc -eo pipefail` (the runner's default), `if:`
# honoured, `${{ ... }}` expressions replaced, GITHUB_OUTPUT, GITHUB_ENV and
# GITHUB_PATH read back after each step. A `uses:` step is handed to the
# caller's handler for that action (checkout, upload-sarif, this repository's
# action), except actions/cache (and its restore and save), which is a real
# cache in a local directory.
# GitLab CI: a job's `script:` lines in one `bash -eo pipefail`.
#
# Only the expressions the recipes use are known; any other is an error, so
# a recipe that outgrows this runner fails its test instead of being misread.
import json
import os
import re
import shutil
import subprocess
import tempfile

import yaml


class RecipeError(Exception):
    pass


def readme_block(readme, name):
    """The fenced block that follows `<!-- recipe: NAME -->` in README."""
    with open(readme, encoding="utf-8") as f:
        text = f.read()
    m = re.search(r"<!-- recipe: %s -->\s*\n```[a-z]*\n(.*?)\n```" % re.escape(name),
                  text, re.S)
    if not m:
        raise RecipeError("README has no block marked <!-- recipe: %s -->" % name)
    return m.group(1) + "\n"


# --- expressions -----------------------------------------------------------

TOKEN = re.compile(r"\s*(?:(==|!=|&&|\|\||!|\(|\))|'((?:[^']|'')*)'|([A-Za-z_][\w.-]*))")


def _tokens(expr):
    pos, out = 0, []
    expr = expr.strip()
    while pos < len(expr):
        m = TOKEN.match(expr, pos)
        if not m or m.end() == pos:
            raise RecipeError("cannot read expression %r at %r" % (expr, expr[pos:]))
        op, lit, name = m.groups()
        out.append(("op", op) if op else ("lit", lit.replace("''", "'"))
                   if lit is not None else ("name", name))
        pos = m.end()
    return out


def evaluate(expr, ctx):
    """Evaluates one expression: names, 'strings', ==, !=, &&, ||, !, (),
    and the status functions always(), success(), failure()."""
    toks = _tokens(expr)
    i = 0

    def peek():
        return toks[i] if i < len(toks) else (None, None)

    def take():
        nonlocal i
        i += 1
        return toks[i - 1]

    def primary():
        kind, val = take()
        if kind == "lit":
            return val
        if kind == "op" and val == "(":
            v = disj()
            if take() != ("op", ")"):
                raise RecipeError("missing ')' in %r" % expr)
            return v
        if kind == "op" and val == "!":
            return not truthy(primary())
        if kind == "name":
            if peek() == ("op", "("):
                take()
                if take() != ("op", ")"):
                    raise RecipeError("functions take no arguments here: %r" % expr)
                status = ctx["job.status"]
                funcs = {"always": True, "success": status == "success",
                         "failure": status == "failure"}
                if val not in funcs:
                    raise RecipeError("unknown function %s() in %r" % (val, expr))
                return funcs[val]
            if val in ("true", "false"):
                return val == "true"
            return lookup(val, ctx)
        raise RecipeError("unexpected %r in %r" % (val, expr))

    def comparison():
        v = primary()
        while peek() in (("op", "=="), ("op", "!=")):
            op = take()[1]
            w = primary()
            v = (text(v) == text(w)) if op == "==" else (text(v) != text(w))
        return v

    def logical(op, operand):
        # && gives the first false operand or the last, || the first true one.
        def parse():
            v = operand()
            while peek() == ("op", op):
                take()
                w = operand()
                v = v if truthy(v) == (op == "||") else w
            return v
        return parse

    conj = logical("&&", comparison)
    disj = logical("||", conj)

    v = disj()
    if i != len(toks):
        raise RecipeError("cannot read the end of %r" % expr)
    return v


def lookup(name, ctx):
    parts = name.split(".")
    head = parts[0]
    if head not in ("github", "inputs", "steps", "runner", "env"):
        raise RecipeError("unknown context '%s'" % name)
    v = ctx[head]
    for p in parts[1:]:
        v = v.get(p, "") if isinstance(v, dict) else ""
    return v


def truthy(v):
    return v not in ("", None, False, 0)


def text(v):
    if v is True or v is False:
        return "true" if v else "false"
    return "" if v is None else str(v)


def substitute(s, ctx):
    return re.sub(r"\$\{\{(.*?)\}\}", lambda m: text(evaluate(m.group(1), ctx)), str(s))


# --- GitHub Actions --------------------------------------------------------

def _read_kv(path):
    """name=value and name<<DELIM ... DELIM lines, as the runner reads them."""
    out = {}
    if not os.path.exists(path):
        return out
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if "<<" in line and ("=" not in line or line.index("<<") < line.index("=")):
            key, delim = line.split("<<", 1)
            val = []
            while i < len(lines) and lines[i] != delim:
                val.append(lines[i])
                i += 1
            i += 1
            out[key] = "\n".join(val)
        elif "=" in line:
            key, val = line.split("=", 1)
            out[key] = val
    return out


class Runner:
    """One job on one machine: the workspace, the environment, a cache."""

    def __init__(self, workspace, github, env, cache_dir, uses):
        self.workspace = workspace
        self.github = dict(github)
        self.env = dict(env)
        self.cache_dir = cache_dir
        self.uses = uses                # action name -> handler(step, with_, ctx)
        # Beside the cache, so that whoever removes that removes this too,
        # also after a step the runner could not run.
        self.temp = tempfile.mkdtemp(prefix="runner-temp.", dir=os.path.dirname(cache_dir))
        self.status = "success"
        self.log = []                   # (step name, "ran" | "skipped", exit status, stdout)
        self.post = []                  # post-job steps (the cache's save)
        self.path = []                  # what steps added to GITHUB_PATH, latest first

    def context(self, inputs, steps, env):
        return {"github": self.github, "inputs": inputs, "steps": steps,
                "runner": {"temp": self.temp, "os": "Linux", "arch": "X64"},
                "env": env, "job.status": self.status}

    def run_steps(self, steps, inputs, action_path=None, env=None):
        """Runs steps; returns the steps context (id -> outputs, outcome)."""
        done = {}
        for n, step in enumerate(steps):
            name = step.get("name") or step.get("run", step.get("uses", "step %d" % n))
            name = name.strip().split("\n")[0]
            base_env = dict(self.env, **(env or {}))
            ctx = self.context(inputs, done, base_env)
            cond = str(step.get("if", "success()"))
            cond = cond[3:-2] if cond.startswith("${{") else cond
            sid = step.get("id")
            if not truthy(evaluate(cond, ctx)):
                self.log.append((name, "skipped", None, ""))
                if sid:
                    done[sid] = {"outputs": {}, "outcome": "skipped"}
                continue
            step_env = dict(base_env)
            for k, v in (step.get("env") or {}).items():
                step_env[k] = substitute(v, ctx)
            out = ""
            if "run" in step:
                status, outputs, out = self._run(step, ctx, step_env, action_path)
            elif "uses" in step:
                with_ = {k: substitute(v, ctx) for k, v in (step.get("with") or {}).items()}
                status, outputs = self._uses(step["uses"], with_, step_env)
            else:
                raise RecipeError("step %r neither runs nor uses" % name)
            self.log.append((name, "ran", status, out))
            if status != 0:
                self.status = "failure"
            if sid:
                done[sid] = {"outputs": outputs,
                             "outcome": "success" if status == 0 else "failure"}
        return done

    def _run(self, step, ctx, env, action_path):
        shell = step.get("shell", "bash")
        if shell != "bash":
            raise RecipeError("only shell: bash is run here, not %r" % shell)
        script = substitute(step["run"], ctx)
        files = {k: os.path.join(self.temp, k.lower() + "-" + str(len(self.log)))
                 for k in ("GITHUB_OUTPUT", "GITHUB_ENV", "GITHUB_PATH")}
        for f in files.values():
            open(f, "w").close()
        full = dict(env, **files, GITHUB_WORKSPACE=self.workspace, RUNNER_TEMP=self.temp,
                    RUNNER_OS="Linux", RUNNER_ARCH="X64", GITHUB_BASE_REF=self.github.get("base_ref", ""),
                    GITHUB_EVENT_NAME=self.github.get("event_name", ""), CI="true",
                    GITHUB_ACTIONS="true")
        full["PATH"] = os.pathsep.join(self.path + [env["PATH"]])
        if action_path:
            full["GITHUB_ACTION_PATH"] = action_path
        cwd = os.path.join(self.workspace, step.get("working-directory", "."))
        p = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                           cwd=cwd, env=full, stdout=subprocess.PIPE, text=True)
        print("[%s] exit %d\n%s" % (step.get("name", "run"), p.returncode, p.stdout), end="")
        for line in open(files["GITHUB_PATH"], encoding="utf-8").read().split("\n"):
            if line:
                self.path.insert(0, line)
        self.env.update(_read_kv(files["GITHUB_ENV"]))
        return p.returncode, _read_kv(files["GITHUB_OUTPUT"]), p.stdout

    def _uses(self, uses, with_, env):
        action = uses.split("@")[0]
        if action.startswith("actions/cache"):
            return self._cache(action, with_)
        if action not in self.uses:
            raise RecipeError("no handler for uses: %s" % uses)
        return self.uses[action](self, with_, env)

    def _cache(self, action, with_):
        """actions/cache restores, and saves after the job if it succeeded
        (its post-if: success()); cache/restore and cache/save do one each."""
        path = with_["path"].strip()
        if path.startswith("~/"):
            path = os.path.join(self.env["HOME"], path[2:])
        entry = os.path.join(self.cache_dir, re.sub(r"[^\w.-]", "_", with_["key"]))

        def save():
            if os.path.isdir(path) and not os.path.exists(entry):
                shutil.copytree(path, entry, symlinks=True)
        if action == "actions/cache/save":
            save()
            return 0, {}
        if action not in ("actions/cache", "actions/cache/restore"):
            raise RecipeError("unknown action %s" % action)
        if os.path.isdir(entry):
            if os.path.exists(path):
                shutil.rmtree(path)
            shutil.copytree(entry, path, symlinks=True)
            return 0, {"cache-hit": "true"}
        if action == "actions/cache":
            self.post.append(lambda: self.status == "success" and save())
        return 0, {"cache-hit": ""}

    def run_action(self, action_yml, with_, env):
        """A composite action: its inputs with defaults, its steps, its outputs."""
        with open(action_yml, encoding="utf-8") as f:
            action = yaml.safe_load(f)
        if action["runs"]["using"] != "composite":
            raise RecipeError("%s is not a composite action" % action_yml)
        inputs = {}
        for k, spec in (action.get("inputs") or {}).items():
            inputs[k] = with_.get(k, substitute(spec.get("default", ""),
                                                self.context({}, {}, self.env)))
        unknown = set(with_) - set(inputs)
        if unknown:
            raise RecipeError("the action has no input %s" % ", ".join(sorted(unknown)))
        before = self.status
        self.status = "success"
        done = self.run_steps(action["runs"]["steps"], inputs,
                              action_path=os.path.dirname(os.path.abspath(action_yml)),
                              env=env)
        failed = self.status == "failure"
        self.status = "failure" if before == "failure" or failed else "success"
        ctx = self.context(inputs, done, self.env)
        outputs = {k: substitute(spec["value"], ctx)
                   for k, spec in (action.get("outputs") or {}).items()}
        return (1 if failed else 0), outputs

    def run_job(self, job):
        env = {k: substitute(v, self.context({}, {}, self.env))
               for k, v in (job.get("env") or {}).items()}
        self.run_steps(job["steps"], {}, env=env)
        for save in self.post:
            save()
        shutil.rmtree(self.temp, ignore_errors=True)
        return self.status


def workflow_job(text, name=None):
    """A job of a workflow's YAML text (the only one, or the one named)."""
    doc = yaml.safe_load(text)
    jobs = doc["jobs"]
    if name is None:
        if len(jobs) != 1:
            raise RecipeError("the workflow has %d jobs; name one" % len(jobs))
        name = next(iter(jobs))
    return jobs[name]


# --- GitLab CI -------------------------------------------------------------

def gitlab_job(text, name, workspace, env):
    """Runs a GitLab job's script lines; returns the exit status."""
    job = yaml.safe_load(text)[name]
    full = dict(env)
    for k, v in (job.get("variables") or {}).items():
        full.setdefault(k, str(v))
    script = "\n".join(job["script"])
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          cwd=workspace, env=full).returncode


def sarif_check(path, results, workspace):
    """A SARIF file as upload-sarif needs it: valid JSON, version 2.1.0, one
    run with a tool and the expected number of results, whose locations are
    files under the checkout."""
    if not os.path.isfile(path):
        raise RecipeError("no SARIF file %s" % path)
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    if doc.get("version") != "2.1.0" or len(doc.get("runs", [])) != 1:
        raise RecipeError("%s: not one SARIF 2.1.0 run" % path)
    run = doc["runs"][0]
    if not run.get("tool", {}).get("driver", {}).get("name"):
        raise RecipeError("%s: no tool.driver.name" % path)
    got = run.get("results")
    if not isinstance(got, list) or len(got) != results:
        raise RecipeError("%s: %s results, not %d" % (path, len(got or []), results))
    bases = run.get("originalUriBaseIds", {})
    for r in got:
        loc = r["locations"][0]["physicalLocation"]["artifactLocation"]
        base = bases.get(loc.get("uriBaseId"), {}).get("uri", "")
        full = (base + loc["uri"]).replace("file://", "", 1)
        inside = os.path.realpath(full).startswith(os.path.realpath(workspace) + os.sep)
        if not inside or not os.path.isfile(full):
            raise RecipeError("%s: a result's location %s is no file of the checkout"
                              % (path, full))
    return doc
