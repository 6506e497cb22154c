#!/usr/bin/env python3
"""check-layers.py - the layering of compiler/ (README, "Layout").

Each folder of compiler/ is a layer; a file may include headers of its own
folder and of the layers below it, never of a layer beside or above it:

    platform < base < diag < model < front, sema, emit, review < driver < lsp < cli, web

grammar/ is part of front; the generated parser.h and lexer.h are front's
too, and build/gb18030.h is base's; the top-level headers of compiler/ (driver.h, stdlib_files.h) are the
driver's layer.  Every include of ours names its folder ("model/ast.h").
The include graph of files must have no cycle.  Exits 1 and names each
offending line.
"""
import os
import re
import sys

RANK = {"platform": -1, "base": 0, "diag": 1, "model": 2, "front": 3, "sema": 3, "emit": 3,
        "review": 3, "driver": 4, "lsp": 5, "cli": 6, "web": 6}
GENERATED = {"parser.h": "front", "lexer.h": "front", "gb18030.h": "base"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def layer_of_file(path):
    parts = path.split("/")
    if parts[0] == "grammar":
        return "front"
    if len(parts) == 2:  # compiler/driver.c
        return "driver"
    return parts[1]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    os.chdir(root)
    files = []
    for top in ("compiler", "grammar"):
        for d, _, names in os.walk(top):
            files += [os.path.join(d, n) for n in names
                      if n.endswith((".c", ".h", ".def", ".l", ".y"))]
    files.sort()
    problems = []
    graph = {}
    for path in files:
        layer = layer_of_file(path)
        if layer not in RANK:
            problems.append(f"{path}: folder {layer}/ is no layer")
            continue
        graph[path] = []
        with open(path, encoding="utf-8") as f:
            for lineno, line in enumerate(f, 1):
                m = INCLUDE.match(line)
                if not m:
                    continue
                name = m.group(1)
                where = f"{path}:{lineno}: #include \"{name}\""
                if name in GENERATED:
                    target_layer, target = GENERATED[name], None
                elif "/" in name:
                    target_layer = name.split("/")[0]
                    target = "compiler/" + name
                    if not os.path.exists(target):
                        problems.append(f"{where}: no such file in compiler/")
                        continue
                elif os.path.exists("compiler/" + name):
                    target_layer, target = "driver", "compiler/" + name
                else:
                    problems.append(f"{where}: does not name its folder")
                    continue
                if target_layer not in RANK:
                    problems.append(f"{where}: {target_layer}/ is no layer")
                    continue
                if target_layer != layer and RANK[target_layer] >= RANK[layer]:
                    problems.append(f"{where}: {layer} may not include {target_layer} "
                                    f"(only {', '.join(sorted(k for k in RANK if RANK[k] < RANK[layer])) or 'its own folder'})")
                if target is not None:
                    graph[path].append(target)
    # Cycles, by depth-first search in file order.
    state = {}
    stack = []

    def visit(node):
        state[node] = 1
        stack.append(node)
        for nxt in graph.get(node, []):
            if state.get(nxt) == 1:
                cycle = stack[stack.index(nxt):] + [nxt]
                problems.append("include cycle: " + " -> ".join(cycle))
            elif nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in graph:
        if node not in state:
            visit(node)
    for p in problems:
        print("FAIL:", p)
    if problems:
        return 1
    print(f"layers: {len(graph)} files, every include names its folder and points down, no cycle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
