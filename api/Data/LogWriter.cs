using System.Threading.Channels;

namespace OutlookSayNo.Data;

/// <summary>Group commit for the log: appends from concurrent requests are written together in one
/// transaction, so one disk sync acknowledges many records. Each caller's task completes only after
/// the commit (synchronous=FULL on SQLite, synchronous commit on PostgreSQL), so nothing acknowledged
/// can be lost. A batch that fails is retried one request at a time, so a bad request fails alone.</summary>
public sealed class LogWriter(IServiceScopeFactory scopes, TimeProvider clock, ILogger<LogWriter> logger) : IHostedService
{
    public const int MaxBatch = 256;

    /// <summary>Extra work in the same transaction, such as keeping the draft index current.</summary>
    public delegate Task Projection(SayNoDb db, IReadOnlyList<LogRecord> records, CancellationToken ct);

    private sealed record Pending(IReadOnlyList<LogEntry> Entries, Projection? Project, TaskCompletionSource<IReadOnlyList<LogRecord>> Done);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private Task? _loop;

    public Task<IReadOnlyList<LogRecord>> AppendAsync(IReadOnlyList<LogEntry> entries, Projection? project = null)
    {
        var pending = new Pending(entries, project, new TaskCompletionSource<IReadOnlyList<LogRecord>>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            pending.Done.SetException(new InvalidOperationException("The log writer has stopped."));
        return pending.Done.Task;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // Finish what was accepted: every queued append is written or failed, never dropped.
        _queue.Writer.TryComplete();
        if (_loop is not null) await _loop.WaitAsync(cancellationToken);
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var p)) batch.Add(p);
            if (batch.Count == 0) continue;
            try
            {
                await WriteAsync(batch);
            }
            catch (Exception) when (batch.Count > 1)
            {
                foreach (var p in batch)
                {
                    try { await WriteAsync([p]); }
                    catch (Exception ex) { p.Done.TrySetException(ex); }
                }
            }
            catch (Exception ex)
            {
                batch[0].Done.TrySetException(ex);
            }
        }
    }

    private async Task WriteAsync(IReadOnlyList<Pending> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SayNoDb>();
        await using var tx = await db.Database.BeginTransactionAsync();
        var results = new List<IReadOnlyList<LogRecord>>(batch.Count);
        var now = clock.GetUtcNow().UtcDateTime;
        // One append for the whole batch: the head is read (and on PostgreSQL locked) once, not per request.
        var entries = batch.Count == 1 ? batch[0].Entries : batch.SelectMany(p => p.Entries).ToList();
        var records = await LogChain.AppendAsync(db, entries, now, CancellationToken.None);
        var offset = 0;
        foreach (var p in batch)
        {
            var mine = records.GetRange(offset, p.Entries.Count);
            offset += p.Entries.Count;
            if (p.Project is not null) await p.Project(db, mine, CancellationToken.None);
            results.Add(mine);
        }
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        if (batch.Count > 1) logger.LogDebug("Group commit of {Count} appends.", batch.Count);
        for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
    }
}
