using System.Buffers;
using System.Collections;
using System.Globalization;
using System.Runtime.InteropServices;

namespace OutlookSayNo.Reading;

public static partial class FigureExtractor
{
    /// <summary>Figures found so far and the characters they claim, so an overlap check costs the
    /// figure's length, not the number of figures. Dispose returns its pooled buffer.</summary>
    private sealed class FoundFigures(int offset, int length, int max) : IDisposable
    {
        // One bit a character: a 256 KB text needs 32 KB, not a quarter of a megabyte on the large-object heap,
        // whose collections made the cost of a long text jump with its size.
        private readonly BitArray _claimed = new(length);

        // The figures in the order found, in a pooled buffer: a text of a hundred thousand figures grew a list
        // through arrays of up to a megabyte, each left on the large-object heap for a full collection.
        private Figure[] _items = ArrayPool<Figure>.Shared.Rent(16);
        private int _count;

        public bool Full => _count >= max;

        public bool IsClaimed(int at) => at - offset < _claimed.Length && _claimed[at - offset];

        public void Add(Figure f)
        {
            if (Full) return;
            var from = f.Start - offset;
            var to = Math.Min(_claimed.Length, from + f.Length);
            for (var i = from; i < to; i++) if (_claimed[i]) return;
            for (var i = from; i < to; i++) _claimed[i] = true;
            if (_count == _items.Length) Grow();
            _items[_count++] = f;
        }

        private void Grow()
        {
            var larger = ArrayPool<Figure>.Shared.Rent(_items.Length * 2);
            _items.AsSpan(0, _count).CopyTo(larger);
            Release(_items, _count);
            _items = larger;
        }

        /// <summary>The figures in text order, in a list of exactly their number. Each starts at a character it
        /// claims, so no two share a start: sorting the starts as plain numbers gives the order the comparison
        /// sort gave, in a fraction of its time. The starts and their places are sorted in pooled buffers.</summary>
        public List<Figure> InOrder()
        {
            var figures = _items.AsSpan(0, _count);
            var result = new List<Figure>(_count);
            CollectionsMarshal.SetCount(result, _count);
            var ordered = CollectionsMarshal.AsSpan(result);
            var inOrder = true;
            for (var i = 1; i < figures.Length && inOrder; i++) inOrder = figures[i - 1].Start < figures[i].Start;
            if (inOrder)
            {
                figures.CopyTo(ordered);
                return result;
            }
            var keys = ArrayPool<int>.Shared.Rent(_count);
            var places = ArrayPool<int>.Shared.Rent(_count);
            try
            {
                var starts = keys.AsSpan(0, _count);
                var at = places.AsSpan(0, _count);
                for (var i = 0; i < starts.Length; i++) (starts[i], at[i]) = (figures[i].Start, i);
                starts.Sort(at);
                for (var i = 1; i < starts.Length; i++)
                    if (starts[i - 1] == starts[i])
                    {
                        // A figure of no characters: the comparison sort of the figures as found, as before.
                        figures.CopyTo(ordered);
                        result.Sort((a, b) => a.Start.CompareTo(b.Start));
                        return result;
                    }
                for (var i = 0; i < at.Length; i++) ordered[i] = figures[at[i]];
                return result;
            }
            finally
            {
                ArrayPool<int>.Shared.Return(keys);
                ArrayPool<int>.Shared.Return(places);
            }
        }

        public void Dispose()
        {
            Release(_items, _count);
            _items = [];
            _count = 0;
        }

        // Cleared before it goes back, so the pool keeps no figure alive.
        private static void Release(Figure[] items, int count)
        {
            if (items.Length == 0) return;
            items.AsSpan(0, count).Clear();
            ArrayPool<Figure>.Shared.Return(items);
        }

        // One string for each text, unit and ISO form however often it recurs: a text of a hundred thousand
        // figures kept a hundred thousand copies of "1%" alive, and collecting them cost more than reading.
        private readonly Dictionary<string, string> _texts = new(StringComparer.Ordinal);
        private readonly Dictionary<DateOnly, string> _isoDates = [];

        // The text asked for last: a run of one figure ("1%" over and over) asks for the same one each time,
        // and comparing a few characters costs less than hashing them.
        private string _last = "";

        public string Text(ReadOnlySpan<char> text)
        {
            if (text.SequenceEqual(_last)) return _last;
            var byText = _texts.GetAlternateLookup<ReadOnlySpan<char>>();
            if (!byText.TryGetValue(text, out var known)) _texts[known = text.ToString()] = known;
            return _last = known;
        }

        public string Text(string text)
        {
            if (text == _last) return _last;
            if (!_texts.TryGetValue(text, out var known)) _texts[known = text] = known;
            return _last = known;
        }

        public string Iso(DateOnly d)
        {
            if (!_isoDates.TryGetValue(d, out var iso)) _isoDates[d] = iso = d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            return iso;
        }
    }
}
