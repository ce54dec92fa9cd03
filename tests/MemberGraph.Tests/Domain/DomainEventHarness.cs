using MemberGraph.Audit;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace MemberGraph.Tests.Domain;

/// <summary>
/// The dispatcher without a gateway: its own SQLite file, the in-process bus, and whatever handlers a test registers.
/// Handlers and services write <see cref="AuditEntry"/> rows named after themselves, so a test reads back what committed.
/// </summary>
public sealed class DomainEventHarness : IAsyncDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), "membergraph-tests", $"events-{Guid.NewGuid():N}.db");
    private readonly ServiceProvider _services;

    public DomainEventHarness(Action<IServiceCollection> handlers, IEventBus? bus = null)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_file)!);
        var services = new ServiceCollection().AddLogging().AddSingleton(bus ?? Bus).AddDomainEvents();
        handlers(services);
        _services = services.BuildServiceProvider();
        using var db = NewDb();
        db.Database.EnsureCreated();
    }

    public InProcessEventBus Bus { get; } = new(NullLogger<InProcessEventBus>.Instance);

    public DomainEventDispatcher Dispatcher => _services.GetRequiredService<DomainEventDispatcher>();

    public MemberGraphDb NewDb() =>
        new SqliteMemberGraphDb(new DbContextOptionsBuilder<SqliteMemberGraphDb>().UseSqlite($"Data Source={_file};Pooling=False")
            .AddInterceptors(_services.GetRequiredService<WritesBeforeTheTurn>()) // as the gateway's contexts have it
            .Options);

    /// <summary>What committed, read on a connection of its own.</summary>
    public List<string> Committed()
    {
        using var db = NewDb();
        return db.AuditEntries.OrderBy(a => a.Id).Select(a => a.Operation).ToList();
    }

    public static void Write(MemberGraphDb db, string who) =>
        db.AuditEntries.Add(new AuditEntry { Subject = "test", Role = "test", Operation = who, Target = "test", At = DateTime.UtcNow });

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        File.Delete(_file);
    }
}

/// <summary>Something a test service did.</summary>
public sealed record SomethingHappened(string Name) : IDomainEvent;

/// <summary>What a handler raised in turn.</summary>
public sealed record FollowedUp(string Name) : IDomainEvent;

/// <summary>An integration event only.</summary>
public sealed record Announced(string Name) : IntegrationEvent("test:1", DateTime.UnixEpoch);

/// <summary>A fact subscribers hear as it stands: raised, and published after the commit.</summary>
public sealed record NoticedAndAnnounced(string Name) : IntegrationEvent("test:1", DateTime.UnixEpoch), IDomainEvent;

/// <summary>Handlers made of lambdas, so each test says what its handlers do where it uses them.</summary>
public static class LambdaHandlers
{
    /// <summary>Registers a handler of <typeparamref name="TEvent"/> (after those registered before it).</summary>
    public static IServiceCollection On<TEvent>(this IServiceCollection services, Func<TEvent, UnitOfWork, Task> handle) where TEvent : IDomainEvent =>
        services.AddSingleton<IDomainEventHandler<TEvent>>(new Handler<TEvent>(handle));

    private sealed class Handler<TEvent>(Func<TEvent, UnitOfWork, Task> handle) : IDomainEventHandler<TEvent> where TEvent : IDomainEvent
    {
        public Task HandleAsync(TEvent domainEvent, UnitOfWork work, CancellationToken cancellationToken) => handle(domainEvent, work);
    }
}

/// <summary>Collects what the bus delivers, with how many rows had committed when it arrived.</summary>
public sealed class Heard(DomainEventHarness harness) : IObserver<IntegrationEvent>
{
    public List<(IntegrationEvent Event, int CommittedRows)> Events { get; } = [];

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void OnNext(IntegrationEvent value) => Events.Add((value, harness.Committed().Count));
}
