using System.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace MemberGraph.Data;

/// <summary>
/// A connection opened by hand (<c>OpenConnectionAsync</c>) and left for the context's disposal to close: the context pool
/// closes it, but EF Core's count of opens stays at one. In the context's next lease a query's open and close then leave it
/// open until that lease ends, and the counts add up from lease to lease (hundreds to thousands after a bench run; a writer
/// connection could not be lent to such a context, see <see cref="SqliteWriterConnection"/>). Closed here through EF Core
/// before the context goes back, so the count goes back to zero with it.
/// </summary>
public abstract partial class MemberGraphDb
{
    /// <summary>More opens by hand than any flow makes: a connection still open after this many was opened outside EF Core.</summary>
    private const int MostOpensByHand = 8;

    public override ValueTask DisposeAsync()
    {
        CloseWhatWasOpenedByHand();
        return base.DisposeAsync();
    }

    public override void Dispose()
    {
        CloseWhatWasOpenedByHand();
        base.Dispose();
    }

    private void CloseWhatWasOpenedByHand()
    {
        IRelationalConnection relational;
        try
        {
            relational = this.GetService<IRelationalConnection>();
        }
        catch (ObjectDisposedException)
        {
            return; // disposed before
        }

        if (relational.CurrentTransaction is not null)
        {
            return; // the disposal rolls it back first
        }

        for (var closes = 0; closes < MostOpensByHand && relational.DbConnection.State == ConnectionState.Open; closes++)
        {
            relational.Close();
        }
    }
}
