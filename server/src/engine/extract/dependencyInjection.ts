/**
 * Constructor injection (NestJS, Angular, tsyringe, InversifyJS): a decorated class that nothing
 * in the file constructs is made by its framework, which passes each constructor parameter typed
 * as a class an instance of that class (`constructor(private readonly config: ClaimsModelConfig)`).
 * Not injected: a parameter with a token of its own (`@Inject(TOKEN)`), a class the file also
 * registers under its name (`{ provide: ClaimsModelConfig, useValue: ... }`: the provider's value
 * may be anything), an abstract class, and classes of other files.
 */
import ts from 'typescript';
import type { Arg } from './calls';
import type { Extraction } from './context';
import { instantiate } from './classes';
import { hasModifier } from './modifiers';
import type { ClassValue } from './values';

const { SyntaxKind, isCallExpression, isConstructorDeclaration, isIdentifier, isTypeReferenceNode } = ts;

/** Dependencies of dependencies are made this deep at most (a cycle stops here too). */
const MAX_INJECTION_DEPTH = 4;

/** The constructor arguments a DI framework passes `cls`: undefined (as for a call without arguments) where it would pass something unknown. */
export function injectedArguments(ctx: Extraction, cls: ClassValue, depth = 0): Arg[] {
  const parameters = cls.node.members.find(isConstructorDeclaration)?.parameters;
  if (!parameters || depth >= MAX_INJECTION_DEPTH || (depth === 0 && !ts.getDecorators(cls.node)?.length)) return [];
  return parameters.map((parameter) => {
    const dependency = injectedClass(ctx, cls, parameter);
    return { value: dependency ? instantiate(ctx, dependency, injectedArguments(ctx, dependency, depth + 1)) : undefined };
  });
}

function injectedClass(ctx: Extraction, consumer: ClassValue, parameter: ts.ParameterDeclaration): ClassValue | undefined {
  const type = parameter.type;
  if (!type || !isTypeReferenceNode(type) || !isIdentifier(type.typeName) || type.typeArguments) return undefined;
  if (ts.getDecorators(parameter)?.some((decorator) => isCallExpression(decorator.expression) && isIdentifier(decorator.expression.expression) && decorator.expression.expression.text === 'Inject')) return undefined;
  const name = type.typeName.text;
  const dependency = ctx.classes.find((cls) => cls.name === name && cls.module === consumer.module);
  if (!dependency || hasModifier(dependency.node, SyntaxKind.AbstractKeyword)) return undefined;
  return new RegExp(`\\bprovide\\s*:\\s*${name}\\b`).test(consumer.module.sourceFile.text) ? undefined : dependency;
}
