using System.Diagnostics;

namespace OutlookSayNo.Reading;

public static partial class FigureExtractor
{
    /// <summary>The words of a text as <see cref="Counts"/> reads them (letters and digits, with a ',' or '.'
    /// between two digits), made as they are asked for and only the last four kept: a count looks at most
    /// three words past its number, and a text of a hundred thousand numbers otherwise kept a list of a
    /// hundred thousand places on the large-object heap.</summary>
    private sealed class WordWindow(string text)
    {
        private readonly (int Start, int End)[] _recent = new (int, int)[4];
        private int _made;
        private int _next;

        /// <summary>Word <paramref name="k"/> (from 0), or false when the text has no more words. A word more
        /// than three before the last one asked for is gone.</summary>
        public bool TryGet(int k, out (int Start, int End) word)
        {
            while (_made <= k)
            {
                if (!TryRead(out var made))
                {
                    word = default;
                    return false;
                }
                _recent[_made % _recent.Length] = made;
                _made++;
            }
            Debug.Assert(k >= _made - _recent.Length, "a word no longer kept");
            word = _recent[k % _recent.Length];
            return true;
        }

        private bool TryRead(out (int Start, int End) word)
        {
            var i = _next;
            while (i < text.Length && !char.IsLetterOrDigit(text[i])) i++;
            var s = i;
            while (i < text.Length && (char.IsLetterOrDigit(text[i])
                   || text[i] is ',' or '.' && i + 1 < text.Length && char.IsDigit(text[i - 1]) && char.IsDigit(text[i + 1]))) i++;
            _next = i;
            word = (s, i);
            return i > s;
        }
    }
}
