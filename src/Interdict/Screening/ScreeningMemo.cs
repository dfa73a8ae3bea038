using System.Collections.Concurrent;

namespace Interdict.Screening;

/// <summary>
/// Remembers results computed against one immutable <see cref="Screener"/>: the same names recur across news
/// articles and payments (a bank's customers pay the same creditors), and a screener never changes, so a result
/// computed once stays right for its lifetime. Bounded: emptied when full rather than tracking recency.
/// </summary>
internal sealed class ScreeningMemo<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();
    private readonly int _capacity;

    public ScreeningMemo(int capacity) => _capacity = capacity;

    public TValue GetOrAdd(TKey key, Func<TKey, TValue> compute)
    {
        if (_values.TryGetValue(key, out var v))
        {
            return v;
        }

        v = compute(key);
        if (_values.Count >= _capacity)
        {
            _values.Clear();
        }

        _values[key] = v;
        return v;
    }
}
