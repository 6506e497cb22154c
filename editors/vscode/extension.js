// extension.js - the VS Code client of goalc's language server.
//
// Starts `goalc lsp` (goal.server.path, goal.server.args) over stdio for
// the files of language "goal"; everything else (diagnostics, completion,
// hover, formatting, the outline) is the server's.  Highlighting is the
// TextMate grammar's (syntaxes/goal.tmLanguage.json), which works without
// the server.
"use strict";

const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function serverOptions() {
    const config = vscode.workspace.getConfiguration("goal");
    const command = config.get("server.path", "goalc") || "goalc";
    const args = ["lsp", ...config.get("server.args", [])];
    return { command, args, transport: TransportKind.stdio };
}

async function start(context) {
    client = new LanguageClient("goal", "goalc lsp", serverOptions(), {
        documentSelector: [
            { scheme: "file", language: "goal" },
            { scheme: "untitled", language: "goal" },
        ],
        synchronize: {
            fileEvents: vscode.workspace.createFileSystemWatcher("**/*.goal"),
        },
    });
    try {
        await client.start();
    } catch (err) {
        vscode.window.showErrorMessage(
            `goalc lsp did not start (${err.message}); set goal.server.path to the goalc command.`);
    }
}

async function activate(context) {
    await start(context);
    context.subscriptions.push(
        vscode.workspace.onDidChangeConfiguration(async (e) => {
            if (e.affectsConfiguration("goal.server")) {
                if (client) await client.stop();
                await start(context);
            }
        }),
        vscode.commands.registerCommand("goal.restartServer", async () => {
            if (client) await client.stop();
            await start(context);
        }));
}

async function deactivate() {
    if (client) await client.stop();
}

module.exports = { activate, deactivate };
