using MemberGraph.Audit;
using MemberGraph.Auth;
using MemberGraph.Data;
using MemberGraph.Domain;
using MemberGraph.Members;
using Microsoft.EntityFrameworkCore;

namespace MemberGraph.Orders;

/// <summary>
/// Records orders from every channel exactly once: (channel, channel order id) is the idempotency key and the buyer
/// is resolved through OneID. The order is written and <see cref="OrderRecorded"/> raised in one unit of work: the
/// handlers of the other features (points, tier, commission, ...) and the audit line commit with the order, and what subscribers
/// hear goes out after the commit. A side effect of an order is a handler of <see cref="OrderRecorded"/> in its feature.
/// </summary>
public sealed class OrderService(
    IDbContextFactory<MemberGraphDb> factory,
    OneIdService oneId,
    OrderMemberLookup memberLookup,
    DomainEventDispatcher events,
    AuditLog audit,
    TimeProvider clock)
{
    private const int Attempts = 3;

    public async Task<Outcome<RecordedOrder>> RecordAsync(RecordOrderCommand command, Caller caller, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (OrderValidation.Check(command, now) is { } invalid)
        {
            return invalid;
        }

        ChannelScope.EnsureCovers(caller, command.Channel, "record orders");
        var storeId = StoreFor(command.StoreId, caller);

        // One context from the first check to the commit: the checks, OneID's look-up of a returning buyer, the order's handlers deciding
        // before the write turn, and the unit of work itself share its connection (each context opens its own pooled one, which costs
        // more than these reads) and what it tracks (the buyer's row OneID read, which prices the points without reading it again).
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await RecordOnAsync(db, command, storeId, caller, cancellationToken);
        }
        finally
        {
            // Opened by hand, so closed by hand: a pooled context handed back with it open would keep it past the request.
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Outcome<RecordedOrder>> RecordOnAsync(MemberGraphDb db, RecordOrderCommand command, long? storeId, Caller caller, CancellationToken cancellationToken)
    {
        var before = await OrderReads.BeforeRecordingAsync(db, storeId, command.Channel, command.ChannelOrderId, cancellationToken);
        if (storeId is not null && !before.StoreFound)
        {
            return Outcome<RecordedOrder>.Refused(UserErrorCode.NotFound, "No such store.", "storeId");
        }

        ReferencedMember? named = null;
        if (command.Member is { } reference)
        {
            var found = await memberLookup.FindAsync(reference, caller, cancellationToken);
            if (found.Error is { } refused)
            {
                return refused;
            }

            named = found.Value;
        }

        var hash = ContentHash.Of(command, storeId, named?.MemberId);
        if (Replay(command, hash, before.FirstRecording) is { } replay)
        {
            return replay; // a till retrying after a timeout: answered even when the member code has expired since
        }

        if (named is { CodeExpired: true })
        {
            return Outcome<RecordedOrder>.Refused(UserErrorCode.MemberCodeExpired, MemberCodeService.ExpiredMessage, "member.memberCode");
        }

        if (named is { Active: false })
        {
            // Erased (PIPL): OneID would create a new member rather than buy for an anonymous record.
            return Outcome<RecordedOrder>.Refused(UserErrorCode.NotFound, "This member no longer exists.", "member");
        }

        var memberId = await oneId.ResolveMemberAsync(
            command.Identities.Select(i => (i.Channel, i.ExternalId)).ToList(), $"{command.Channel} order {command.ChannelOrderId}", caller, cancellationToken,
            knownMemberId: named?.MemberId, reads: db);

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await InsertAsync(db, command, storeId, hash, memberId, caller, cancellationToken);
            }
            catch (DbUpdateException ex) when (attempt < Attempts && ex.IsRetryable())
            {
                // A parallel replay of this order committed first: answer as its replay. The failed attempt rolled back; what the
                // context still tracks of it goes too, so a next attempt starts as the first did (its handlers decide again).
                db.ChangeTracker.Clear();
                if (await ReplayAsync(db, command, hash, cancellationToken) is { } parallel)
                {
                    return parallel;
                }
            }
        }
    }

    private static long? StoreFor(long? requested, Caller caller)
    {
        if (!caller.Is(Roles.Staff))
        {
            return requested;
        }

        if (caller.StoreId is not { } own || (requested is { } store && store != own))
        {
            throw RequestRefusedException.NotAuthorized("record orders for another store");
        }

        return own;
    }

    /// <summary>The first recording of this channel order, when there is one: the same content replays, other content is a conflict.</summary>
    private static async Task<Outcome<RecordedOrder>?> ReplayAsync(MemberGraphDb db, RecordOrderCommand command, string hash, CancellationToken cancellationToken) =>
        Replay(command, hash, await OrderReads.RecordedAsAsync(db, command.Channel, command.ChannelOrderId, cancellationToken));

    private static Outcome<RecordedOrder>? Replay(RecordOrderCommand command, string hash, Order? first)
    {
        if (first is null)
        {
            return null;
        }

        return first.ContentHash == hash
            ? Outcome<RecordedOrder>.Ok(new RecordedOrder(first, Replayed: true))
            : Outcome<RecordedOrder>.Refused(UserErrorCode.OrderConflict,
                $"{command.Channel} order {command.ChannelOrderId} was already recorded with different content.", "channelOrderId");
    }

    /// <summary>
    /// The order, then its lines in one statement (they need its id); the lines are back on <see cref="Order.Lines"/> afterwards. Neither
    /// is tracked: no handler changes them once inserted, and what the context tracks the commit's change detection goes through.
    /// </summary>
    private static async Task InsertOrderAndLinesAsync(MemberGraphDb db, Order order, CancellationToken cancellationToken)
    {
        var lines = order.Lines;
        order.Lines = [];
        await MultiRowInsert.InsertUntrackedAsync(db, order, cancellationToken);
        foreach (var line in lines)
        {
            line.OrderId = order.Id;
        }

        await MultiRowInsert.InsertUntrackedAsync(db, lines, l => l.LineNumber, cancellationToken);
        order.Lines = lines;
    }

    /// <summary>
    /// Decides, then writes. The <see cref="OrderRecording"/> handlers (who is credited, what each line earns, which journeys count
    /// purchases) only read, so they run before the unit of work takes SQLite's one writer's turn: every order queued behind this one
    /// would otherwise wait out their reads too. The price of that: they read what had committed then, not under the write lock —
    /// as every read on PostgreSQL at READ COMMITTED does anyway — so a guide deactivated in the same millisecond as the order may
    /// still be credited with it, and a birthday or journey changed in that millisecond counts from the next order.
    /// </summary>
    private async Task<Outcome<RecordedOrder>> InsertAsync(MemberGraphDb db, RecordOrderCommand command, long? storeId, string hash, long memberId, Caller caller,
        CancellationToken cancellationToken)
    {
        var order = NewOrder(command, storeId, hash, memberId);
        await using var work = events.Prepare(db);
        work.Raise(new OrderRecording(order, caller));
        await work.RunHandlersAsync(cancellationToken);
        ForgetWhatWasRead(db);

        await work.BeginWritesAsync(cancellationToken);
        order.RecordedAt = clock.GetUtcNow().UtcDateTime; // when its turn came, as before the handlers decided first
        await InsertOrderAndLinesAsync(db, order, cancellationToken);
        work.Raise(new OrderRecorded(order, caller));
        await work.RunHandlersAsync(cancellationToken);
        var credited = order.AttributedGuideId is { } guideId ? $", attributed to Guide:{guideId} ({order.AttributionSource})" : "";
        audit.Record(db, caller, "recordOrder", $"Order:{order.Id}",
            $"{order.Channel} {order.ChannelOrderId} for Member:{memberId}, paid {order.PaidAmountCents} cents, {order.PointsEarned} points{credited}");
        await work.CommitAsync(cancellationToken);
        return Outcome<RecordedOrder>.Ok(new RecordedOrder(order, Replayed: false));
    }

    /// <summary>
    /// Before the turn: the rows the checks and the deciding handlers read (OneID's buyer) have done their work, so the context stops
    /// tracking them; inside the turn the commit's change detection then looks only through what the order's handlers add. They only
    /// read, so nothing tracked has a change to lose — and a handler that broke that rule fails here rather than losing it.
    /// </summary>
    private static void ForgetWhatWasRead(MemberGraphDb db)
    {
        if (db.ChangeTracker.HasChanges())
        {
            throw new InvalidOperationException("A change before the order's write turn: the OrderRecording handlers only read.");
        }

        db.ChangeTracker.Clear();
    }

    /// <summary>The order and its lines as the command describes them, each line with its share of the paid amount; not saved yet.</summary>
    private Order NewOrder(RecordOrderCommand command, long? storeId, string hash, long memberId)
    {
        var order = new Order
        {
            Channel = command.Channel,
            ChannelOrderId = command.ChannelOrderId,
            MemberId = memberId,
            StoreId = storeId,
            GuideCode = command.GuideCode,
            ShareParameter = command.ShareParameter,
            PaidAmountCents = command.PaidAmountCents,
            PaidAt = command.PaidAt,
            ContentHash = hash,
        };

        var shares = Allocation.Proportional(command.PaidAmountCents, command.Lines.Select(l => l.AmountCents).ToList());
        for (var i = 0; i < command.Lines.Count; i++)
        {
            var line = command.Lines[i];
            order.Lines.Add(new OrderLine
            {
                LineNumber = i + 1,
                Sku = line.Sku,
                Category = line.Category,
                Quantity = line.Quantity,
                AmountCents = line.AmountCents,
                PaidShareCents = shares[i],
            });
        }

        return order;
    }
}
