using System.Globalization;

namespace OutlookSayNo.Kinds;

/// <summary>The arithmetic of a computed data point: numbers, names, <c>facts.name</c>,
/// + - * / and parentheses. Deliberately tiny: admins write it, nothing else runs.</summary>
public abstract class Formula
{
    /// <summary>Evaluates; null when an operand is missing or a division is by zero.</summary>
    public abstract decimal? Evaluate(Func<string, decimal?> data, Func<string, decimal?> fact);

    public abstract void CheckNames(Func<string, bool> isData, Func<string, bool> isFact);

    public static Formula Parse(string text)
    {
        var p = new Parser(text);
        var f = p.ParseSum();
        p.SkipSpace();
        if (p.Pos != text.Length) throw new FormatException($"unexpected '{text[p.Pos]}' at position {p.Pos + 1} of '{text}'.");
        return f;
    }

    private sealed class Parser(string text)
    {
        public int Pos;
        private int _depth;

        public void SkipSpace() { while (Pos < text.Length && char.IsWhiteSpace(text[Pos])) Pos++; }

        public Formula ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                SkipSpace();
                if (Pos >= text.Length || text[Pos] is not ('+' or '-')) return left;
                var op = text[Pos++];
                left = new Binary(op, left, ParseProduct());
            }
        }

        private Formula ParseProduct()
        {
            var left = ParseAtom();
            while (true)
            {
                SkipSpace();
                if (Pos >= text.Length || text[Pos] is not ('*' or '/')) return left;
                var op = text[Pos++];
                left = new Binary(op, left, ParseAtom());
            }
        }

        private Formula ParseAtom()
        {
            SkipSpace();
            if (Pos >= text.Length) throw new FormatException($"'{text}' ends where a number or name was expected.");
            var c = text[Pos];
            if (c == '(')
            {
                if (++_depth > 20) throw new FormatException($"'{text}' nests parentheses more than 20 deep.");
                Pos++;
                var inner = ParseSum();
                SkipSpace();
                if (Pos >= text.Length || text[Pos] != ')') throw new FormatException($"'{text}' has a '(' without its ')'.");
                Pos++;
                _depth--;
                return inner;
            }
            if (c == '-')
            {
                if (++_depth > 20) throw new FormatException($"'{text}' has too many minus signs in a row.");
                Pos++;
                var negated = new Binary('-', new Constant(0), ParseAtom());
                _depth--;
                return negated;
            }
            if (char.IsDigit(c))
            {
                var s = Pos;
                while (Pos < text.Length && (char.IsDigit(text[Pos]) || text[Pos] == '.')) Pos++;
                if (!decimal.TryParse(text[s..Pos], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                    throw new FormatException($"'{text[s..Pos]}' is not a number this formula can use.");
                return new Constant(number);
            }
            if (char.IsLetter(c) || c == '_')
            {
                var s = Pos;
                while (Pos < text.Length && (char.IsLetterOrDigit(text[Pos]) || text[Pos] is '_' or '.')) Pos++;
                var name = text[s..Pos];
                return name.StartsWith("facts.", StringComparison.Ordinal) ? new Name(name[6..], true) : new Name(name, false);
            }
            throw new FormatException($"unexpected '{c}' at position {Pos + 1} of '{text}'.");
        }
    }

    private sealed class Constant(decimal value) : Formula
    {
        public override decimal? Evaluate(Func<string, decimal?> data, Func<string, decimal?> fact) => value;
        public override void CheckNames(Func<string, bool> isData, Func<string, bool> isFact) { }
    }

    private sealed class Name(string name, bool factName) : Formula
    {
        public override decimal? Evaluate(Func<string, decimal?> data, Func<string, decimal?> fact) => factName ? fact(name) : data(name);

        public override void CheckNames(Func<string, bool> isData, Func<string, bool> isFact)
        {
            var known = factName ? isFact(name) : isData(name);
            if (!known)
                throw new FormatException(factName ? $"there is no fact '{name}'." : $"there is no data point '{name}' (facts are written facts.{name}).");
        }
    }

    private sealed class Binary(char op, Formula left, Formula right) : Formula
    {
        public override decimal? Evaluate(Func<string, decimal?> data, Func<string, decimal?> fact)
        {
            var l = left.Evaluate(data, fact);
            var r = right.Evaluate(data, fact);
            if (l is null || r is null) return null;
            try
            {
                return op switch
                {
                    '+' => l + r,
                    '-' => l - r,
                    '*' => l * r,
                    _ => r == 0 ? null : l / r,
                };
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        public override void CheckNames(Func<string, bool> isData, Func<string, bool> isFact)
        {
            left.CheckNames(isData, isFact);
            right.CheckNames(isData, isFact);
        }
    }
}
