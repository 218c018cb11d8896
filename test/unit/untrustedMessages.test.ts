import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import ts from 'typescript';

/**
 * VS Code turns `[label](command:…)` in a notification into a live link and `$(icon)` in the
 * status bar into an icon. Every text that reaches them from a file, a digest or a setting must
 * go through `plainText` (src/core/untrusted.ts). This check reads the extension's sources with
 * the type checker: the message of each `show*Message` / `setStatusBarMessage` call (and of the
 * features' own `notify` helpers) is a literal, `plainText(…)`, or `vscode.l10n.t('…', …)` whose
 * arguments are each `plainText(…)` or a number.
 */

const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHECKED = /^(show(Information|Warning|Error)Message|setStatusBarMessage|notify)$/;

function calleeName(call: ts.CallExpression): string | undefined {
  const e = call.expression;
  if (ts.isIdentifier(e)) return e.text;
  if (ts.isPropertyAccessExpression(e)) return e.name.text;
  return undefined;
}

function isPlainTextCall(node: ts.Expression): boolean {
  return ts.isCallExpression(node) && calleeName(node) === 'plainText';
}

function isL10n(node: ts.Expression): node is ts.CallExpression {
  return ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.getText() === 'vscode.l10n.t';
}

/** Problems with one message expression, or [] when it is safe. */
export function messageProblems(node: ts.Expression, checker: ts.TypeChecker): string[] {
  const isNumber = (e: ts.Expression): boolean => (checker.getTypeAtLocation(e).flags & ts.TypeFlags.NumberLike) !== 0;
  if (ts.isParenthesizedExpression(node)) return messageProblems(node.expression, checker);
  if (ts.isConditionalExpression(node)) return [...messageProblems(node.whenTrue, checker), ...messageProblems(node.whenFalse, checker)];
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) || isPlainTextCall(node)) return [];
  if (isL10n(node)) {
    const [first, ...rest] = node.arguments;
    const out: string[] = [];
    if (!first || !ts.isStringLiteral(first)) out.push(`vscode.l10n.t without a literal message: ${node.getText()}`);
    for (const a of rest) if (!isPlainTextCall(a) && !isNumber(a)) out.push(`l10n argument not wrapped in plainText: ${a.getText()}`);
    return out;
  }
  // A parameter of a function that is itself checked (`notify(kind, message)`): its callers are.
  if (ts.isIdentifier(node)) {
    const decl = checker.getSymbolAtLocation(node)?.valueDeclaration;
    if (decl && ts.isParameter(decl)) {
      const fn = decl.parent;
      const name = (ts.isFunctionDeclaration(fn) || ts.isMethodDeclaration(fn)) && fn.name ? fn.name.getText() : undefined;
      if (name && CHECKED.test(name)) return [];
    }
  }
  return [`raw text in a message: ${node.getText()}`];
}

function program(files: string[]): ts.Program {
  return ts.createProgram(files, {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    strict: true,
    esModuleInterop: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
    typeRoots: [path.join(ROOT, 'node_modules', '@types')],
  });
}

function check(p: ts.Program, files: string[]): string[] {
  const checker = p.getTypeChecker();
  const problems: string[] = [];
  for (const file of files) {
    const source = p.getSourceFile(file);
    assert.ok(source, file);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node)) {
        const name = calleeName(node);
        if (name && CHECKED.test(name) && name !== 'plainText') {
          const message = name === 'notify' ? node.arguments[1] : node.arguments[0];
          if (message) {
            for (const m of messageProblems(message, checker)) {
              const { line } = source.getLineAndCharacterOfPosition(node.getStart());
              problems.push(`${path.relative(ROOT, file)}:${line + 1}: ${m}`);
            }
          }
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return problems;
}

describe('untrusted text: every notification and status message goes through plainText', function () {
  this.timeout(60_000);

  it('the extension sources pass', () => {
    const dir = path.join(ROOT, 'src', 'features');
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => path.join(dir, f));
    files.push(path.join(ROOT, 'src', 'extension.ts'));
    const problems = check(program(files), files);
    assert.deepEqual(problems, []);
  });

  it('the check catches raw text, template strings and unwrapped l10n arguments', () => {
    const file = path.join(ROOT, 'test', 'fixtures', 'untrusted-messages-bad.ts');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      [
        "import * as vscode from 'vscode';",
        "import { plainText } from '../../src/core/text/untrusted';",
        'export function f(title: string, n: number): void {',
        "  void vscode.window.showWarningMessage(vscode.l10n.t('Bad {0}', title));",
        '  void vscode.window.showErrorMessage(`Bad ${title}`);',
        '  void vscode.window.showInformationMessage(title);',
        "  vscode.window.setStatusBarMessage(vscode.l10n.t('Copied {0}', title), 1000);",
        "  void vscode.window.showWarningMessage(vscode.l10n.t('Good {0} {1}', plainText(title), n));",
        '}',
        '',
      ].join('\n'),
    );
    try {
      const problems = check(program([file]), [file]);
      assert.equal(problems.length, 4, problems.join('\n'));
      assert.match(problems.join('\n'), /:4: l10n argument not wrapped in plainText: title/);
      assert.match(problems.join('\n'), /:5: raw text in a message: `Bad \$\{title\}`/);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });
});
