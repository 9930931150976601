using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace OutlookSayNo.Kinds;

/// <summary>A problem found in a template before it is rendered. Line and column are 1-based.</summary>
public sealed record TemplateIssue(int? Line, int? Column, string Message);

/// <summary>What a template may refer to: the data points of its kind (for a partial: of every kind),
/// the facts and the partials.</summary>
public sealed class TemplateScope
{
    public required IReadOnlySet<string> DataPoints { get; init; }
    public required IReadOnlySet<string> Facts { get; init; }
    public required IReadOnlySet<string> Partials { get; init; }
    /// <summary>Facts some business pack does not have (or that have no value): a template may use one only
    /// inside <c>if facts.name</c>, so its sentence goes when the figure is missing.</summary>
    public IReadOnlySet<string> OptionalFacts { get; init; } = new HashSet<string>();

    /// <summary>The scope of a kind's templates and alternative texts.</summary>
    public static TemplateScope ForKind(KindCatalog catalog, Kind kind) => new()
    {
        DataPoints = kind.Definition.DataPoints.Select(d => d.Name).ToHashSet(StringComparer.Ordinal),
        Facts = catalog.Facts.Keys.ToHashSet(StringComparer.Ordinal),
        Partials = catalog.Partials.Keys.ToHashSet(StringComparer.Ordinal),
        OptionalFacts = OptionalFactsOf(catalog),
    };

    /// <summary>The scope of a kind's alternative texts: like its templates', but no fact needs an "if",
    /// because a pack offers an alternative only when it has every fact the text names (PackRules).</summary>
    public static TemplateScope ForAlternatives(KindCatalog catalog, Kind kind) => new()
    {
        DataPoints = kind.Definition.DataPoints.Select(d => d.Name).ToHashSet(StringComparer.Ordinal),
        Facts = catalog.Facts.Keys.ToHashSet(StringComparer.Ordinal),
        Partials = catalog.Partials.Keys.ToHashSet(StringComparer.Ordinal),
    };

    /// <summary>Facts without a value, missing from some pack, or cited by some kind only to a message about them (<c>factsWhen</c>).</summary>
    public static IReadOnlySet<string> OptionalFactsOf(KindCatalog catalog) =>
        catalog.Facts.Values.Where(f => f.Value is null || catalog.Packs.Values.Any(p => !p.Facts.Contains(f.Name))
                || catalog.Kinds.Values.Any(k => k.FactWhen.ContainsKey(f.Name)))
            .Select(f => f.Name).ToHashSet(StringComparer.Ordinal);

    /// <summary>The scope of a partial: any kind may include it, so the data points of every kind.</summary>
    public static TemplateScope ForPartials(KindCatalog catalog) => new()
    {
        DataPoints = catalog.Kinds.Values.SelectMany(k => k.Definition.DataPoints).Select(d => d.Name).ToHashSet(StringComparer.Ordinal),
        Facts = catalog.Facts.Keys.ToHashSet(StringComparer.Ordinal),
        Partials = catalog.Partials.Keys.ToHashSet(StringComparer.Ordinal),
        OptionalFacts = OptionalFactsOf(catalog),
    };
}

/// <summary>Checks a parsed template against the model it is rendered with, without rendering it:
/// unknown variables and members, includes of anything but a known partial, and resource use that is
/// visible in the source. Never throws; cheap enough to run on every keystroke of a preview.</summary>
public static partial class TemplateAnalysis
{
    /// <summary>The top-level names of the template model, in the order they are listed to admins.</summary>
    public static readonly IReadOnlyList<string> ModelNames = TemplateModel.TopLevel;

    private const int MaxIssues = 100;
    // Scriban's parser stops at 250 nested statements; this only guards the walk itself.
    private const int MaxDepth = 1500;

    public static IReadOnlyList<TemplateIssue> Check(Template parsed, TemplateScope scope)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(scope);
        try
        {
            if (parsed.HasErrors || parsed.Page is null)
            {
                var parseIssues = parsed.Messages
                    .Where(m => m.Type == ParserMessageType.Error)
                    .Select(m => new TemplateIssue(m.Span.Start.Line + 1, m.Span.Start.Column + 1, m.Message))
                    .ToList();
                return parseIssues.Count > 0 ? parseIssues : [new TemplateIssue(null, null, "The template could not be parsed.")];
            }
            var walker = new Walker(scope, AssignedNames(parsed.Page));
            walker.Visit(parsed.Page);
            return walker.Issues;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return [new TemplateIssue(null, null, $"The template could not be analysed ({ex.GetType().Name}); simplify it.")];
        }
    }

    // Every variable the template assigns anywhere. Function and loop bodies may use a name assigned
    // later in the source (they run later, or again), so they are checked against this set.
    private static HashSet<string> AssignedNames(ScriptNode root)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<ScriptNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            switch (node)
            {
                case ScriptAssignExpression { Target: ScriptVariable v }: names.Add(v.Name); break;
                case ScriptCaptureStatement { Target: ScriptVariable v }: names.Add(v.Name); break;
                case ScriptFunction { NameOrDoToken: ScriptVariable v }: names.Add(v.Name); break;
            }
            foreach (var child in node.Children)
                if (child is not null) stack.Push(child);
        }
        return names;
    }

    // ---- What a value looks like, as far as the analysis knows ----

    private abstract class Shape;

    /// <summary>Unknown: anything goes (locals built by the template, results of functions).</summary>
    private sealed class AnyShape : Shape { public static readonly AnyShape Instance = new(); }

    private sealed class ScalarShape(string description, bool isText) : Shape
    {
        public static readonly ScalarShape Text = new("text", true);
        public static readonly ScalarShape Number = new("a number", false);
        public static readonly ScalarShape YesNo = new("true or false", false);
        public string Description { get; } = description;
        public bool IsText { get; } = isText;
    }

    private sealed class ArrayShape(Shape element) : Shape
    {
        public Shape Element { get; } = element;
    }

    /// <summary>An object of the model: its members are all known.</summary>
    private sealed class ObjectShape(string path, IReadOnlyDictionary<string, Shape> members, Func<string, string>? unknownMessage = null) : Shape
    {
        public string Path { get; } = path;
        public IReadOnlyDictionary<string, Shape> Members { get; } = members;
        public Func<string, string>? UnknownMessage { get; } = unknownMessage;
    }

    /// <summary>A builtin function library such as <c>string</c>.</summary>
    private sealed class LibraryShape(string name, IReadOnlyCollection<string> functions) : Shape
    {
        public string Name { get; } = name;
        public IReadOnlyCollection<string> Functions { get; } = functions;
    }

    private sealed class FunctionShape(string? builtin) : Shape
    {
        /// <summary>e.g. <c>string.pad_left</c>; null for the template's own functions.</summary>
        public string? Builtin { get; } = builtin;
    }

    private static ObjectShape Obj(string path, params (string Name, Shape Shape)[] members) =>
        new(path, members.ToDictionary(m => m.Name, m => m.Shape, StringComparer.Ordinal));

    private static readonly IReadOnlyDictionary<string, Shape> Builtins = CreateBuiltinShapes();

    private static Dictionary<string, Shape> CreateBuiltinShapes()
    {
        var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal);
        foreach (var (name, value) in TemplateContext.GetDefaultBuiltinObject())
            shapes[name] = value switch
            {
                _ when name is "blank" or "empty" => AnyShape.Instance,
                ScriptObject library => new LibraryShape(name, library.Keys.Order(StringComparer.Ordinal).ToList()),
                _ => new FunctionShape(name),
            };
        return shapes;
    }

    private static readonly string[] LoopMembers = ["index", "rindex", "first", "last", "even", "odd", "changed", "length", "col"];

    // Builtins that run text the analysis cannot see; TemplateRenderer removes them too.
    private static readonly HashSet<string> Unavailable = new(StringComparer.Ordinal) { "object.eval", "object.eval_template" };

    /// <summary>Builtins that allocate in proportion to one argument: the argument's position (counting
    /// a piped value as the first) and the largest sensible literal.</summary>
    private static readonly Dictionary<string, (int Index, int Limit, string What)> SizeArguments = new(StringComparer.Ordinal)
    {
        ["string.pad_left"] = (1, TemplateRenderer.OutputLimit, "width"),
        ["string.pad_right"] = (1, TemplateRenderer.OutputLimit, "width"),
        ["array.insert_at"] = (1, TemplateRenderer.LoopLimit, "index"),
    };

    private static readonly HashSet<string> FormatFunctions = new(StringComparer.Ordinal) { "math.format", "object.format" };

    [GeneratedRegex(@"^\s*[A-Za-z]\s*(\d+)\s*$")]
    private static partial Regex FormatPrecisionRegex();

    private sealed class Frame
    {
        public Dictionary<string, Shape> Names { get; } = new(StringComparer.Ordinal);
        /// <summary>Inside <c>with</c> an object the analysis does not know: any name may be a member.</summary>
        public bool Open { get; init; }
        public string? Loop { get; init; }
    }

    private sealed class Walker(TemplateScope scope, HashSet<string> assignedAnywhere)
    {
        // The fixed part of the model comes from its one definition (TemplateModel).
        private readonly ObjectShape _customer = FromModel("customer");
        private readonly ObjectShape _me = FromModel("me");
        private readonly ObjectShape _ask = FromModel("ask");
        private readonly ObjectShape _pressure = FromModel("pressure");

        private static ObjectShape FromModel(string obj) => Obj(obj, TemplateModel.Of(obj).Select(m => (m.Name, (Shape)ShapeOf(m.Value))).ToArray());

        private static ScalarShape ShapeOf(ModelValue v) => v switch
        {
            ModelValue.Number => ScalarShape.Number,
            ModelValue.YesNo => ScalarShape.YesNo,
            _ => ScalarShape.Text,
        };
        private readonly HashSet<ObjectShape> _model = [];
        private Dictionary<string, Shape>? _modelShapes;

        private readonly List<TemplateIssue> _issues = [];
        private readonly HashSet<(int, int, string)> _seen = [];
        private readonly Dictionary<string, Shape> _globals = new(StringComparer.Ordinal);
        private readonly List<Dictionary<string, Shape>> _locals = [new(StringComparer.Ordinal)];
        private readonly List<Frame> _frames = [];
        private int _lenient;
        // $ locals belong to one function, so only loops inside that function make them lenient.
        private readonly List<int> _localsLenientBase = [0];
        private int _depth;
        private bool _tooDeep;

        public IReadOnlyList<TemplateIssue> Issues => _issues;

        private Dictionary<string, Shape> Model => _modelShapes ??= CreateModel();

        private Dictionary<string, Shape> CreateModel()
        {
            var dataPoint = (string name) => Obj($"data.{name}",
                ("value", ScalarShape.Text), ("number", ScalarShape.Number), ("label", ScalarShape.Text), ("source", ScalarShape.Text), ("unit", ScalarShape.Text));
            var fact = (string name) => Obj($"facts.{name}",
                ("value", ScalarShape.Text), ("number", ScalarShape.Number), ("unit", ScalarShape.Text), ("label", ScalarShape.Text));
            var data = new ObjectShape("data",
                scope.DataPoints.ToDictionary(n => n, n => (Shape)dataPoint(n), StringComparer.Ordinal),
                n => $"data.{n} is not a data point of this kind{Suggest(n, scope.DataPoints)}; known: {List(scope.DataPoints)}.");
            var facts = new ObjectShape("facts",
                scope.Facts.ToDictionary(n => n, n => (Shape)fact(n), StringComparer.Ordinal),
                n => $"facts.{n} is not a fact{Suggest(n, scope.Facts)}; known: {List(scope.Facts)}.");
            var alternative = Obj("alternative", ("id", ScalarShape.Text), ("title", ScalarShape.Text), ("text", ScalarShape.Text));
            var alsoAsk = Obj("also", ("kind", ScalarShape.Text), ("title", ScalarShape.Text), ("quote", ScalarShape.Text), ("requested", ScalarShape.Text));
            var shapes = new Dictionary<string, Shape>(StringComparer.Ordinal)
            {
                ["customer"] = _customer,
                ["me"] = _me,
                ["ask"] = _ask,
                ["pressure"] = _pressure,
                ["data"] = data,
                ["facts"] = facts,
                ["alternatives"] = new ArrayShape(alternative),
                ["also"] = new ArrayShape(alsoAsk),
            };
            foreach (var top in TemplateModel.Of("")) shapes[top.Name] = ShapeOf(top.Value);
            _model.UnionWith([_customer, _me, _ask, _pressure, data, facts, alternative, alsoAsk]);
            foreach (var d in data.Members.Values.Concat(facts.Members.Values)) _model.Add((ObjectShape)d);
            return shapes;
        }

        private void Report(ScriptNode? at, string message) => Report(at?.Span ?? default, at is not null, message);

        private void Report(SourceSpan span, bool known, string message)
        {
            if (_issues.Count >= MaxIssues) return;
            var (line, column) = known ? (span.Start.Line + 1, span.Start.Column + 1) : (0, 0);
            if (!_seen.Add((line, column, message))) return;
            _issues.Add(known ? new TemplateIssue(line, column, message) : new TemplateIssue(null, null, message));
        }

        public Shape Visit(ScriptNode? node)
        {
            if (node is null) return AnyShape.Instance;
            if (_depth >= MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
            {
                if (!_tooDeep) Report(node, "The template is nested too deeply to be checked; simplify it.");
                _tooDeep = true;
                return AnyShape.Instance;
            }
            _depth++;
            try
            {
                return VisitNode(node);
            }
            finally
            {
                _depth--;
            }
        }

        private void VisitAll(IEnumerable<ScriptNode?>? nodes)
        {
            if (nodes is null) return;
            foreach (var n in nodes) Visit(n);
        }

        private Shape VisitNode(ScriptNode node)
        {
            switch (node)
            {
                case ScriptLiteral literal:
                    return literal.Value switch
                    {
                        string => ScalarShape.Text,
                        bool => ScalarShape.YesNo,
                        null => AnyShape.Instance,
                        _ => ScalarShape.Number,
                    };
                case ScriptVariable variable:
                    return Resolve(variable);
                case ScriptIsEmptyExpression isEmpty:
                    Visit(isEmpty.Target);
                    return ScalarShape.YesNo;
                case ScriptMemberExpression member:
                {
                    CheckFactGuard(member);
                    var owner = Visit(member.Target);
                    return member.Member is null ? AnyShape.Instance : Member(owner, member.Member, member);
                }
                case ScriptIndexerExpression indexer:
                {
                    var target = Visit(indexer.Target);
                    Visit(indexer.Index);
                    return target switch
                    {
                        ArrayShape array => array.Element,
                        ObjectShape or ScalarShape when indexer.Index is ScriptLiteral { Value: string key } =>
                            MemberOf(target, key, indexer.Index, $"{PathOf(indexer.Target)}[\"{key}\"]"),
                        _ => AnyShape.Instance,
                    };
                }
                case ScriptAssignExpression assign:
                    return Assign(assign);
                case ScriptFunctionCall call:
                    return Call(call.Target, call.Arguments, piped: null);
                case ScriptPipeCall pipe:
                    Visit(pipe.From);
                    return Piped(pipe.To, pipe.From);
                case ScriptBinaryExpression binary:
                    return Binary(binary);
                case ScriptNestedExpression nested:
                    return Visit(nested.Expression);
                case ScriptInterpolatedStringExpression interpolated:
                    VisitAll(interpolated.Parts);
                    return ScalarShape.Text;
                case ScriptArrayInitializerExpression array:
                    VisitAll(array.Values);
                    return new ArrayShape(AnyShape.Instance);
                case ScriptObjectInitializerExpression obj:
                    foreach (var m in obj.Members) Visit(m.Value);
                    return AnyShape.Instance;
                case ScriptNamedArgument named:
                    return Visit(named.Value);
                case ScriptConditionalExpression conditional:
                {
                    var guards = Condition(conditional.Condition);
                    var then = Guarded(guards, () => Visit(conditional.ThenValue));
                    var otherwise = Visit(conditional.ElseValue);
                    return ReferenceEquals(then, otherwise) ? then : AnyShape.Instance;
                }
                case ScriptIfStatement ifStatement:
                {
                    var guards = Condition(ifStatement.Condition);
                    Guarded(guards, () => Visit(ifStatement.Then));
                    Visit(ifStatement.Else);
                    return AnyShape.Instance;
                }
                case ScriptThisExpression:
                    return AnyShape.Instance;
                case ScriptAnonymousFunction anonymous:
                    if (anonymous.Function is not null) Function(anonymous.Function);
                    return new FunctionShape(null);
                case ScriptFunction function:
                    Function(function);
                    return AnyShape.Instance;
                case ScriptForStatement loop:
                    For(loop);
                    return AnyShape.Instance;
                case ScriptWhileStatement loop:
                    While(loop);
                    return AnyShape.Instance;
                case ScriptCaptureStatement capture:
                    Visit(capture.Body);
                    Declare(capture.Target, ScalarShape.Text);
                    return AnyShape.Instance;
                case ScriptWithStatement with:
                    With(with);
                    return AnyShape.Instance;
                case ScriptImportStatement import:
                    Import(import);
                    return AnyShape.Instance;
                case ScriptReadOnlyStatement:
                case ScriptRawStatement:
                case ScriptEscapeStatement:
                case ScriptVerbatim:
                    return AnyShape.Instance;
                default:
                    VisitAll(node.Children);
                    return AnyShape.Instance;
            }
        }

        // ---- Facts a business may not have ----

        private readonly Dictionary<string, int> _guarded = new(StringComparer.Ordinal);
        private int _inCondition;

        /// <summary>Visits a condition and returns the facts it tests for: <c>facts.x</c>, alone or joined by <c>&amp;&amp;</c>.</summary>
        private List<string> Condition(ScriptExpression? condition)
        {
            _inCondition++;
            try { Visit(condition); }
            finally { _inCondition--; }
            var found = new List<string>();
            var stack = new Stack<ScriptExpression?>();
            stack.Push(condition);
            while (stack.Count > 0)
            {
                switch (stack.Pop())
                {
                    case ScriptBinaryExpression { Operator: ScriptBinaryOperator.And } and:
                        stack.Push(and.Left); stack.Push(and.Right); break;
                    case ScriptNestedExpression nested:
                        stack.Push(nested.Expression); break;
                    case ScriptMemberExpression member when FactOf(member) is { } fact:
                        found.Add(fact); break;
                }
            }
            return found;
        }

        private T Guarded<T>(List<string> facts, Func<T> visit)
        {
            foreach (var f in facts) _guarded[f] = _guarded.GetValueOrDefault(f) + 1;
            try { return visit(); }
            finally { foreach (var f in facts) _guarded[f]--; }
        }

        private void Guarded(List<string> facts, Action visit) => Guarded(facts, () => { visit(); return 0; });

        /// <summary>x for <c>facts.x</c> or <c>facts.x.member</c>.</summary>
        private static string? FactOf(ScriptMemberExpression member) => member switch
        {
            { Target: ScriptVariableGlobal { Name: "facts" }, Member: { } m } => m.Name,
            { Target: ScriptMemberExpression inner } => FactOf(inner),
            _ => null,
        };

        private void CheckFactGuard(ScriptMemberExpression member)
        {
            if (_inCondition > 0 || member is not { Target: ScriptVariableGlobal { Name: "facts" }, Member: { } m }) return;
            if (!scope.OptionalFacts.Contains(m.Name) || _guarded.GetValueOrDefault(m.Name) > 0) return;
            Report(member, $"facts.{m.Name} is not in every business pack (or has no value); write it inside {{{{ if facts.{m.Name} }}}} … {{{{ end }}}} so the sentence goes where the figure is missing.");
        }

        // ---- Names ----

        private Shape Resolve(ScriptVariable variable)
        {
            var name = variable.Name;
            for (var i = _frames.Count - 1; i >= 0; i--)
            {
                var frame = _frames[i];
                if (frame.Names.TryGetValue(name, out var s)) return s;
                if (frame.Open) return AnyShape.Instance;
            }
            if (variable is ScriptVariableLocal || name.StartsWith('$'))
            {
                if (name == "$" || _locals[^1].ContainsKey(name)) return _locals[^1].GetValueOrDefault(name, AnyShape.Instance);
                if (_lenient > _localsLenientBase[^1] && assignedAnywhere.Contains(name)) return AnyShape.Instance;
                var own = _locals[^1].Keys.Order(StringComparer.Ordinal).ToList();
                Report(variable, $"Unknown local variable '{name}'{Suggest(name, own)}. A $ variable is only known after it is assigned, in the same template or function"
                    + (own.Count > 0 ? $"; assigned so far: {List(own)}." : "."));
                return AnyShape.Instance;
            }
            if (_globals.TryGetValue(name, out var g)) return g;
            if (Model.TryGetValue(name, out var m)) return m;
            if (Builtins.TryGetValue(name, out var b))
            {
                if (name is "include" or "include_join")
                    Report(variable, $"{name} must be called with the name of a partial in quotes, e.g. {name} 'greeting'.");
                return b;
            }
            if (name is "for" or "while" or "tablerow" && _frames.Any(f => f.Loop == name))
                return Obj(name, LoopMembers.Select(l => (l, (Shape)AnyShape.Instance)).ToArray());
            if (_lenient > 0 && assignedAnywhere.Contains(name)) return AnyShape.Instance;
            Report(variable, UnknownVariable(name));
            return AnyShape.Instance;
        }

        private string UnknownVariable(string name)
        {
            var own = _globals.Keys.Concat(_locals[^1].Keys).Concat(_frames.SelectMany(f => f.Names.Keys)).Distinct().Order(StringComparer.Ordinal).ToList();
            var candidates = ModelNames.Concat(own).Concat(Builtins.Keys).ToList();
            return $"Unknown variable '{name}'{Suggest(name, candidates)}. Known: {string.Join(", ", ModelNames)}"
                + (own.Count > 0 ? $"; this template's own: {List(own)}" : "")
                + $"; builtins: {List(Builtins.Keys.Where(k => Builtins[k] is LibraryShape))}.";
        }

        private Shape Member(Shape target, ScriptVariable member, ScriptMemberExpression expression) =>
            MemberOf(target, member.Name, member, PathOf(expression));

        private Shape MemberOf(Shape target, string name, ScriptNode at, string path)
        {
            switch (target)
            {
                case ObjectShape obj:
                    if (obj.Members.TryGetValue(name, out var s)) return s;
                    Report(at, obj.UnknownMessage?.Invoke(name)
                        ?? $"Unknown member '{name}' in {path}{Suggest(name, obj.Members.Keys)}. Known: {List(obj.Members.Keys, sort: false)}.");
                    return AnyShape.Instance;
                case ArrayShape:
                    if (name == "size") return ScalarShape.Number;
                    Report(at, $"Unknown member '{name}' in {path}: a list only has size; use a for loop or array.* for the items.");
                    return AnyShape.Instance;
                case ScalarShape scalar:
                    if (scalar.IsText && name == "size") return ScalarShape.Number;
                    Report(at, $"Unknown member '{name}' in {path}: the value is {scalar.Description}"
                        + (scalar.IsText ? " and only has size; use string.* for the rest." : " and has no members."));
                    return AnyShape.Instance;
                case LibraryShape library:
                    var full = $"{library.Name}.{name}";
                    if (!library.Functions.Contains(name))
                    {
                        Report(at, $"{library.Name} has no function '{name}'{Suggest(name, library.Functions)}. Known: {List(library.Functions, sort: false)}.");
                        return AnyShape.Instance;
                    }
                    if (Unavailable.Contains(full))
                        Report(at, $"{full} is not available in templates: it runs text that cannot be checked before saving.");
                    return new FunctionShape(full);
                default:
                    return AnyShape.Instance;
            }
        }

        private void Declare(ScriptExpression? target, Shape shape)
        {
            switch (target)
            {
                case ScriptVariable variable:
                {
                    var name = variable.Name;
                    if (Builtins.ContainsKey(name))
                    {
                        Report(variable, $"'{name}' is a builtin and cannot be assigned; use a name of your own.");
                        return;
                    }
                    if (Model.ContainsKey(name))
                    {
                        Report(variable, $"'{name}' is part of the model and must not be replaced; assign to a name of your own, e.g. ${name}Text.");
                        return;
                    }
                    var isLocal = variable is ScriptVariableLocal || name.StartsWith('$');
                    // Inside a loop or function frame, a global still lands in the global scope.
                    var names = isLocal ? _locals[^1] : _globals;
                    names[name] = names.TryGetValue(name, out var before) && !ReferenceEquals(before, shape) ? AnyShape.Instance : shape;
                    return;
                }
                case ScriptMemberExpression member:
                {
                    var owner = Visit(member.Target);
                    if (owner is ObjectShape obj && _model.Contains(obj))
                        Report(member.Member, $"Templates must not change the model ({PathOf(member)}); assign to a variable of your own instead, e.g. ${member.Member?.Name} = ….");
                    return;
                }
                default:
                    Visit(target);
                    return;
            }
        }

        private Shape Assign(ScriptAssignExpression assign)
        {
            // x += 1 reads x first.
            if (assign.EqualToken is { TokenType: not TokenType.Equal }) Visit(assign.Target);
            var value = Visit(assign.Value);
            Declare(assign.Target, assign.EqualToken is { TokenType: not TokenType.Equal } ? AnyShape.Instance : value);
            return value;
        }

        // ---- Calls ----

        private Shape Call(ScriptExpression? target, IReadOnlyList<ScriptExpression>? arguments, ScriptExpression? piped)
        {
            arguments ??= [];
            if (target is ScriptVariableGlobal { Name: "include" or "include_join" } include && !Shadowed(include.Name))
            {
                var name = piped ?? arguments.FirstOrDefault();
                CheckInclude(include, name);
                foreach (var a in arguments.Where(a => !ReferenceEquals(a, name))) Visit(a);
                return ScalarShape.Text;
            }
            var function = Visit(target);
            foreach (var a in arguments) Visit(a);
            if (function is FunctionShape { Builtin: { } builtin })
                CheckSizes(builtin, piped is null ? arguments : [piped, .. arguments]);
            return AnyShape.Instance;
        }

        // a | f | g parses as a | (f | g): f receives a, g receives f's result.
        private Shape Piped(ScriptExpression? stage, ScriptExpression? piped) => stage switch
        {
            ScriptPipeCall inner => PipedThen(inner, piped),
            ScriptFunctionCall call => Call(call.Target, call.Arguments, piped),
            ScriptVariable or ScriptMemberExpression => Call(stage, null, piped),
            _ => Visit(stage),
        };

        private Shape PipedThen(ScriptPipeCall inner, ScriptExpression? piped)
        {
            Piped(inner.From, piped);
            return Piped(inner.To, inner.From);
        }

        private bool Shadowed(string name) => _globals.ContainsKey(name) || _frames.Any(f => f.Names.ContainsKey(name));

        private void CheckInclude(ScriptVariable include, ScriptExpression? name)
        {
            var partials = List(scope.Partials);
            if (include.Name == "include_join")
            {
                if (name is ScriptArrayInitializerExpression array && array.Values.All(v => v is ScriptLiteral { Value: string }))
                {
                    foreach (var v in array.Values) CheckPartialName(v, (string?)((ScriptLiteral)v).Value ?? "", partials);
                    return;
                }
                Report(name ?? (ScriptNode)include, $"include_join needs a list of partial names in quotes, e.g. include_join ['greeting', 'closing'] ''; partials: {partials}.");
                Visit(name);
                return;
            }
            if (name is ScriptLiteral { Value: string literal })
            {
                CheckPartialName(name, literal, partials);
                return;
            }
            Report(name ?? (ScriptNode)include, $"include needs the name of a partial in quotes, e.g. include 'greeting'; a computed name cannot be checked. Partials: {partials}.");
            Visit(name);
        }

        private void CheckPartialName(ScriptNode at, string name, string partials)
        {
            if (!scope.Partials.Contains(name))
                Report(at, $"include '{name}': there is no partial named '{name}'{Suggest(name, scope.Partials)}; only the partials in templates/{KindCatalog.PartialsFolder} can be included ({partials}).");
        }

        private void CheckSizes(string builtin, IReadOnlyList<ScriptExpression> arguments)
        {
            if (SizeArguments.TryGetValue(builtin, out var size) && size.Index < arguments.Count
                && Number(ArgumentValue(arguments[size.Index])) is { } n && Math.Abs(n) > size.Limit)
                Report(arguments[size.Index], $"{builtin} with a {size.What} of {n.ToString(CultureInfo.InvariantCulture)} is more than the limit of {size.Limit.ToString(CultureInfo.InvariantCulture)} and will fail at render.");
            if (FormatFunctions.Contains(builtin) && arguments.Count > 1
                && ArgumentValue(arguments[1]) is ScriptLiteral { Value: string format }
                && FormatPrecisionRegex().Match(format) is { Success: true } m
                && (!int.TryParse(m.Groups[1].Value, CultureInfo.InvariantCulture, out var precision) || precision > TemplateRenderer.OutputLimit))
                Report(arguments[1], $"{builtin} with the format '{format}' makes text longer than the output limit of {TemplateRenderer.OutputLimit.ToString(CultureInfo.InvariantCulture)}.");
        }

        private static ScriptExpression? ArgumentValue(ScriptExpression argument) => argument is ScriptNamedArgument named ? named.Value : argument;

        // ---- Operators ----

        private Shape Binary(ScriptBinaryExpression binary)
        {
            var left = Visit(binary.Left);
            var right = Visit(binary.Right);
            switch (binary.Operator)
            {
                case ScriptBinaryOperator.RangeInclude or ScriptBinaryOperator.RangeExclude:
                    if (Number(binary.Left) is { } from && Number(binary.Right) is { } to)
                    {
                        var count = Math.Abs(to - from) + (binary.Operator == ScriptBinaryOperator.RangeInclude ? 1 : 0);
                        if (count > TemplateRenderer.LoopLimit)
                            Report(binary, $"The range {Text(from)}{(binary.Operator == ScriptBinaryOperator.RangeInclude ? ".." : "..<")}{Text(to)} has {Text(count)} items, more than the loop limit of {TemplateRenderer.LoopLimit}.");
                    }
                    return new ArrayShape(ScalarShape.Number);
                case ScriptBinaryOperator.Multiply:
                {
                    var (text, times) = binary.Left is ScriptLiteral { Value: string l } ? (l, Number(binary.Right))
                        : binary.Right is ScriptLiteral { Value: string r } ? (r, Number(binary.Left)) : (null, null);
                    if (text is not null && times is { } t && (decimal)text.Length * t > TemplateRenderer.OutputLimit)
                        Report(binary, $"Repeating a text {Text(t)} times makes more than the output limit of {TemplateRenderer.OutputLimit} characters.");
                    return text is not null ? ScalarShape.Text : AnyShape.Instance;
                }
                case ScriptBinaryOperator.Add when left is ScalarShape { IsText: true } || right is ScalarShape { IsText: true }:
                    return ScalarShape.Text;
                case >= ScriptBinaryOperator.CompareEqual and <= ScriptBinaryOperator.LiquidHasValue:
                case ScriptBinaryOperator.And or ScriptBinaryOperator.Or:
                    return ScalarShape.YesNo;
                default:
                    return AnyShape.Instance;
            }
        }

        private static string Text(decimal d) => d.ToString(CultureInfo.InvariantCulture);

        /// <summary>The value of a numeric literal, possibly negated or in parentheses.</summary>
        private static decimal? Number(ScriptExpression? e) => e switch
        {
            ScriptLiteral { Value: int i } => i,
            ScriptLiteral { Value: long l } => l,
            ScriptLiteral { Value: double d } when Math.Abs(d) < 1e20 => (decimal)d,
            ScriptLiteral { Value: float f } when Math.Abs(f) < 1e20 => (decimal)f,
            ScriptLiteral { Value: decimal m } => m,
            ScriptLiteral { Value: System.Numerics.BigInteger b } => b > new System.Numerics.BigInteger(decimal.MaxValue) ? decimal.MaxValue : b < new System.Numerics.BigInteger(decimal.MinValue) ? decimal.MinValue : (decimal)b,
            ScriptLiteral { Value: double } => decimal.MaxValue,
            ScriptNestedExpression n => Number(n.Expression),
            ScriptUnaryExpression { Operator: ScriptUnaryOperator.Negate } u => -Number(u.Right),
            ScriptUnaryExpression { Operator: ScriptUnaryOperator.Plus } u => Number(u.Right),
            _ => null,
        };

        // ---- Statements with scopes ----

        private void Function(ScriptFunction function)
        {
            if (function.NameOrDoToken is ScriptVariable name) Declare(name, new FunctionShape(null));
            var frame = new Frame();
            if (function.Parameters is { } parameters)
                foreach (var p in parameters)
                {
                    Visit(p.DefaultValue);
                    if (p.Name is { } n) frame.Names[n.Name] = AnyShape.Instance;
                }
            _frames.Add(frame);
            _locals.Add(new Dictionary<string, Shape>(StringComparer.Ordinal));
            _lenient++;
            _localsLenientBase.Add(_lenient);
            try
            {
                Visit(function.Body);
            }
            finally
            {
                _localsLenientBase.RemoveAt(_localsLenientBase.Count - 1);
                _lenient--;
                _locals.RemoveAt(_locals.Count - 1);
                _frames.RemoveAt(_frames.Count - 1);
            }
        }

        private void For(ScriptForStatement loop)
        {
            var items = Visit(loop.Iterator);
            if (loop.NamedArguments is { } named) VisitAll(named);
            var frame = new Frame { Loop = loop is ScriptTableRowStatement ? "tablerow" : "for" };
            if (loop.Variable is ScriptVariable v) frame.Names[v.Name] = items is ArrayShape array ? array.Element : AnyShape.Instance;
            else Visit(loop.Variable);
            InFrame(frame, loop.Body);
            Visit(loop.Else);
        }

        private void While(ScriptWhileStatement loop)
        {
            Visit(loop.Condition);
            if (loop.Condition is ScriptLiteral literal && IsTruthy(literal.Value) && !Escapes(loop.Body))
                Report(loop, $"This while loop never ends: its condition is always true and nothing breaks out of it; it would be stopped at the loop limit of {TemplateRenderer.LoopLimit}.");
            InFrame(new Frame { Loop = "while" }, loop.Body);
        }

        private static bool IsTruthy(object? value) => value switch
        {
            null => false,
            bool b => b,
            string s => s.Length > 0,
            int i => i != 0,
            long l => l != 0,
            double d => d != 0,
            _ => true,
        };

        private static bool Escapes(ScriptNode? body)
        {
            if (body is null) return false;
            var stack = new Stack<ScriptNode>();
            stack.Push(body);
            while (stack.Count > 0)
            {
                var node = stack.Pop();
                if (node is ScriptBreakStatement or ScriptReturnStatement) return true;
                foreach (var child in node.Children)
                    if (child is not null) stack.Push(child);
            }
            return false;
        }

        private void With(ScriptWithStatement with)
        {
            var target = Visit(with.Name);
            var frame = target is ObjectShape obj ? new Frame() : new Frame { Open = true };
            if (target is ObjectShape known)
                foreach (var (name, shape) in known.Members) frame.Names[name] = shape;
            InFrame(frame, with.Body, lenient: false);
        }

        private void Import(ScriptImportStatement import)
        {
            var target = Visit(import.Expression);
            if (target is ObjectShape obj)
            {
                foreach (var (name, shape) in obj.Members)
                    if (!Builtins.ContainsKey(name) && !Model.ContainsKey(name)) _globals[name] = shape;
                return;
            }
            if (target is not AnyShape || import.Expression is not ScriptVariable)
                Report(import, $"import only works with an object of the model ({string.Join(", ", ModelNames.Where(n => Model[n] is ObjectShape))}); write the full name instead, e.g. customer.name.");
            else
                Report(import, "import of an object the check cannot see is not allowed; write the full names instead, e.g. customer.name.");
        }

        private void InFrame(Frame frame, ScriptNode? body, bool lenient = true)
        {
            _frames.Add(frame);
            if (lenient) _lenient++;
            try
            {
                Visit(body);
            }
            finally
            {
                if (lenient) _lenient--;
                _frames.RemoveAt(_frames.Count - 1);
            }
        }
    }

    // ---- Text helpers ----

    private static string PathOf(ScriptNode? node) => node switch
    {
        null => "",
        ScriptVariable v => v.Name,
        ScriptMemberExpression m => $"{PathOf(m.Target)}.{m.Member?.Name}",
        ScriptIndexerExpression { Index: ScriptLiteral { Value: string key } } i => $"{PathOf(i.Target)}[\"{key}\"]",
        ScriptIndexerExpression i => $"{PathOf(i.Target)}[…]",
        ScriptThisExpression => "this",
        _ => Shorten(node.ToString() ?? ""),
    };

    private static string Shorten(string s) => s.Length <= 40 ? s : s[..40] + "…";

    private static string List(IEnumerable<string> names, bool sort = true)
    {
        var list = sort ? names.Order(StringComparer.Ordinal).ToList() : names.ToList();
        return list.Count == 0 ? "(none)" : string.Join(", ", list);
    }

    /// <summary>" (did you mean 'x'?)" for the closest name within a small edit distance.</summary>
    private static string Suggest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var c in candidates)
        {
            if (c == name) continue;
            var d = Distance(name.ToLowerInvariant(), c.ToLowerInvariant());
            if (d < bestDistance) (best, bestDistance) = (c, d);
        }
        return best is not null && bestDistance <= Math.Max(1, Math.Min(3, name.Length / 3)) ? $" (did you mean '{best}'?)" : "";
    }

    private static int Distance(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 3 || a.Length > 64 || b.Length > 64) return int.MaxValue;
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++) previous[j] = j;
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
