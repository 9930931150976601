using Scriban;
using Scriban.Syntax;

namespace OutlookSayNo.Kinds;

/// <summary>Finds template functions that call themselves, directly or through other functions or
/// partials, by reading the source. The work a recursive function does grows with its argument where
/// no loop limit counts it (four calls per level is 4^n), and it may only run on the one email that
/// reaches it, so the save gate refuses recursion outright rather than leave it to the render budget.</summary>
public static class TemplateRecursion
{
    /// <summary>Where a function (or a partial's own text) is defined: document and 1-based line and column.</summary>
    public sealed record Definition(string Name, string Document, int Line, int Column);

    /// <summary>What one document defines and, for each function it defines (and for its own top level),
    /// every name it refers to. Referring is taken as calling: Scriban calls a function named bare, piped
    /// or passed as <c>@name</c> to a builtin that calls it, so this over-approximates, never misses.</summary>
    public sealed class Calls
    {
        internal List<Definition> Definitions { get; } = [];
        internal Dictionary<string, HashSet<string>> Edges { get; } = new(StringComparer.Ordinal);

        internal void Add(string from, string to)
        {
            if (!Edges.TryGetValue(from, out var set)) Edges[from] = set = new HashSet<string>(StringComparer.Ordinal);
            set.Add(to);
        }
    }

    /// <summary>A cycle, starting and ending at <see cref="Definition"/>'s name.</summary>
    public sealed record Cycle(Definition Definition, IReadOnlyList<string> Path)
    {
        public string Message
        {
            get
            {
                var why = " Templates may not recurse: a recursive function can do far more work than a reply needs on the one email that reaches it. Write it with a for loop over a range instead.";
                if (IsPartial(Definition.Name))
                    return $"The partial '{PartialName(Definition.Name)}' includes itself ({Show(Path)}).{why}";
                if (Path.Count == 2)
                    return $"The function '{Definition.Name}' calls itself.{why}";
                var others = Path.Skip(1).Take(Path.Count - 2).Select(n => IsPartial(n) ? $"the partial '{PartialName(n)}'" : $"'{n}'").Distinct().ToList();
                return $"The function '{Definition.Name}' calls itself through {string.Join(" and ", others)} ({Show(Path)}).{why}";
            }
        }

        private static string Show(IEnumerable<string> path) => string.Join(" → ", path.Select(n => IsPartial(n) ? $"include '{PartialName(n)}'" : n));
    }

    private const string PartialPrefix = "include:";

    private static bool IsPartial(string node) => node.StartsWith(PartialPrefix, StringComparison.Ordinal);

    private static string PartialName(string node) => node[PartialPrefix.Length..];

    /// <summary>The calls in a kind's template or an alternative text.</summary>
    public static Calls Read(Template template, string document) => Read(template, document, "top:" + document);

    /// <summary>The calls in a partial: its top level is what <c>include 'name'</c> runs.</summary>
    public static Calls ReadPartial(Template partial, string document, string name)
    {
        var calls = Read(partial, document, PartialPrefix + name);
        calls.Definitions.Add(new Definition(PartialPrefix + name, document, 1, 1));
        return calls;
    }

    private static Calls Read(Template template, string document, string top)
    {
        var calls = new Calls();
        if (template.Page is null) return calls;
        // Explicit stack: a hostile template may nest deeper than the call stack allows.
        var stack = new Stack<(ScriptNode Node, string Owner, HashSet<string>? Parameters)>();
        stack.Push((template.Page, top, null));
        while (stack.Count > 0)
        {
            var (node, owner, parameters) = stack.Pop();
            switch (node)
            {
                case ScriptFunction { NameOrDoToken: ScriptVariable name } function:
                    Define(calls, name.Name, document, name);
                    PushFunction(stack, function, name.Name);
                    continue;
                case ScriptAssignExpression { Target: ScriptVariable target, Value: ScriptAnonymousFunction { Function: { } function } }:
                    // f = do ... end: a function by another name.
                    Define(calls, target.Name, document, target);
                    PushFunction(stack, function, target.Name);
                    continue;
                case ScriptAssignExpression { Target: ScriptVariable target, Value: ScriptUnaryExpression { Operator: ScriptUnaryOperator.FunctionAlias, Right: ScriptVariable aliased } }:
                    // g = @f: calling g calls f.
                    Define(calls, target.Name, document, target);
                    calls.Add(target.Name, aliased.Name);
                    calls.Add(owner, aliased.Name);
                    continue;
                case ScriptFunctionCall { Target: ScriptVariable { Name: "include" or "include_join" } } include:
                    foreach (var partial in Literals(include.Arguments)) calls.Add(owner, PartialPrefix + partial);
                    break;
                case ScriptVariable variable:
                    if (parameters is null || !parameters.Contains(variable.Name)) calls.Add(owner, variable.Name);
                    continue;
            }
            foreach (var child in node.Children)
                if (child is not null) stack.Push((child, owner, parameters));
        }
        return calls;
    }

    private static void Define(Calls calls, string name, string document, ScriptNode at) =>
        calls.Definitions.Add(new Definition(name, document, at.Span.Start.Line + 1, at.Span.Start.Column + 1));

    // A function's body belongs to the function; its parameters shadow functions of the same name.
    private static void PushFunction(Stack<(ScriptNode, string, HashSet<string>?)> stack, ScriptFunction function, string owner)
    {
        var parameters = new HashSet<string>(StringComparer.Ordinal);
        if (function.Parameters is { } list)
            foreach (var p in list)
                if (p?.Name is { } n) parameters.Add(n.Name);
        if (function.Body is { } body) stack.Push((body, owner, parameters));
    }

    private static IEnumerable<string> Literals(ScriptNode? node)
    {
        if (node is null) yield break;
        var stack = new Stack<ScriptNode>();
        stack.Push(node);
        while (stack.Count > 0)
        {
            var n = stack.Pop();
            if (n is ScriptLiteral { Value: string s }) yield return s;
            foreach (var child in n.Children)
                if (child is not null) stack.Push(child);
        }
    }

    /// <summary>The cycles through a function or partial that <paramref name="document"/> defines, with every
    /// document whose definitions it can reach (the partials) in <paramref name="context"/>. One cycle per
    /// strongly connected group of functions, named by its first definition in <paramref name="document"/>.</summary>
    public static IReadOnlyList<Cycle> Find(Calls document, IEnumerable<Calls> context)
    {
        var all = context.Append(document).Distinct().ToList();
        var defined = new Dictionary<string, Definition>(StringComparer.Ordinal);
        foreach (var d in all.SelectMany(c => c.Definitions)) defined.TryAdd(d.Name, d);
        foreach (var d in document.Definitions) defined[d.Name] = d; // the document's own place wins for its messages
        var edges = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var c in all)
            foreach (var (from, to) in c.Edges)
            {
                if (!defined.ContainsKey(from)) continue;
                if (!edges.TryGetValue(from, out var list)) edges[from] = list = [];
                list.AddRange(to.Where(defined.ContainsKey));
            }

        var cycles = new List<Cycle>();
        var inOrder = document.Definitions.OrderBy(d => d.Line).ThenBy(d => d.Column).ToList();
        foreach (var group in StronglyConnected(defined.Keys, edges))
        {
            var first = inOrder.FirstOrDefault(d => group.Contains(d.Name));
            if (first is null) continue; // another document's cycle: reported there
            if (group.Count == 1 && !(edges.TryGetValue(first.Name, out var self) && self.Contains(first.Name))) continue;
            cycles.Add(new Cycle(defined[first.Name], PathBack(first.Name, group, edges)));
        }
        return cycles;
    }

    /// <summary>The shortest way from <paramref name="start"/> back to itself inside its group.</summary>
    private static List<string> PathBack(string start, HashSet<string> group, Dictionary<string, List<string>> edges)
    {
        var previous = new Dictionary<string, string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                if (!group.Contains(next)) continue;
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var n = node; n != start; n = previous[n]) path.Add(n);
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (previous.TryAdd(next, node)) queue.Enqueue(next);
            }
        }
        return [start, start];
    }

    /// <summary>Tarjan's strongly connected components, without recursion (a template may define
    /// thousands of functions in a chain).</summary>
    private static List<HashSet<string>> StronglyConnected(IEnumerable<string> nodes, Dictionary<string, List<string>> edges)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var groups = new List<HashSet<string>>();
        var next = 0;
        foreach (var root in nodes)
        {
            if (index.ContainsKey(root)) continue;
            // Each frame: a node and how many of its successors have been looked at.
            var work = new Stack<(string Node, int Successor)>();
            work.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, i) = work.Pop();
                var successors = edges.GetValueOrDefault(node) ?? [];
                if (i < successors.Count)
                {
                    work.Push((node, i + 1));
                    var s = successors[i];
                    if (!index.ContainsKey(s))
                    {
                        index[s] = low[s] = next++;
                        stack.Push(s);
                        onStack.Add(s);
                        work.Push((s, 0));
                    }
                    else if (onStack.Contains(s)) low[node] = Math.Min(low[node], index[s]);
                    continue;
                }
                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }
                if (low[node] != index[node]) continue;
                var group = new HashSet<string>(StringComparer.Ordinal);
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    group.Add(member);
                } while (member != node);
                groups.Add(group);
            }
        }
        return groups;
    }
}
