namespace MemberGraph.Realtime;

/// <summary>
/// One Redis outage at a time, as operators want to read it: a line when it starts (whatever noticed it first: a
/// lost connection, a failed send), nothing per event while it lasts, and a summary when it is over — how long it
/// lasted and what became of the events that waited (sent late, or dropped because the backlog was full or they grew
/// older than the catch-up window). During an outage every event used to log an error of its own: thousands of lines
/// a minute that said nothing new.
/// </summary>
public sealed class RedisOutage(TimeProvider clock, ILogger<RedisOutage> logger)
{
    private readonly Lock _gate = new();
    private DateTimeOffset? _since;
    private long _waited;
    private long _sent;
    private long _droppedFull;
    private long _droppedStale;

    /// <summary>True from the first sign of trouble until <see cref="Over"/>.</summary>
    public bool IsOngoing
    {
        get
        {
            lock (_gate)
            {
                return _since is not null;
            }
        }
    }

    /// <summary>Redis failed (<paramref name="why"/>): starts the outage, logged once; later signs of the same outage are debug lines.</summary>
    public void Noticed(string why)
    {
        lock (_gate)
        {
            if (_since is not null)
            {
                logger.LogDebug("Redis still unavailable ({Why})", why);
                return;
            }

            _since = clock.GetUtcNow();
            _waited = _sent = _droppedFull = _droppedStale = 0;
        }

        logger.LogError("Redis unavailable ({Why}): events reach this instance's subscribers at once and wait in a backlog "
            + "(at most {Backlog:N0}, up to {Window} old) for the other instances; logged once, a summary follows when Redis returns",
            why, RedisEventBus.MaxBacklog, RedisEventBus.CatchUpWindow);
    }

    /// <summary>An event went into the backlog instead of to Redis.</summary>
    public void Waited(string why)
    {
        Noticed(why);
        lock (_gate)
        {
            _waited++;
        }
    }

    public void Sent(int count)
    {
        lock (_gate)
        {
            _sent += count;
        }
    }

    /// <summary>Events given up: pushed out of a full backlog, or older than the catch-up window when Redis returned.</summary>
    public void Dropped(int count, bool backlogFull)
    {
        lock (_gate)
        {
            if (backlogFull)
            {
                _droppedFull += count;
            }
            else
            {
                _droppedStale += count;
            }
        }
    }

    /// <summary>Redis is back and the backlog is empty: the summary, once.</summary>
    public void Over()
    {
        TimeSpan lasted;
        long waited, sent, full, stale;
        lock (_gate)
        {
            if (_since is not { } since)
            {
                return;
            }

            lasted = clock.GetUtcNow() - since;
            (waited, sent, full, stale) = (_waited, _sent, _droppedFull, _droppedStale);
            _since = null;
        }

        logger.Log(full + stale > 0 ? LogLevel.Warning : LogLevel.Information,
            "Redis outage over after {Lasted:0.0} s: {Waited} event(s) waited, {Sent} sent to the other instances late, {Dropped} dropped "
            + "({Full} for a full backlog, {Stale} older than {Window})",
            lasted.TotalSeconds, waited, sent, full + stale, full, stale, RedisEventBus.CatchUpWindow);
    }
}
