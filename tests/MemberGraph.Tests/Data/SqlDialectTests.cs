using MemberGraph.Data;
using MemberGraph.Members;

namespace MemberGraph.Tests.Data;

/// <summary>
/// The text a <see cref="SqlRead{TRow}"/> sends on each engine, SQL Server included (no server runs here, so its text is
/// checked as rendered): identifiers delimited as the engine delimits them, rows answered where the engine answers them,
/// caps where the engine puts them, a list's padded placeholders, string literals left alone.
/// </summary>
public sealed class SqlDialectTests
{
    private static readonly Func<SqlDialect, string> Update = sql =>
        $"""UPDATE "Members" SET "DisplayName" = 'a "b" @c' {sql.OutputInserted} WHERE "Id" = @id {sql.Returning}""";

    private static readonly Func<SqlDialect, string> Select = sql =>
        $"""SELECT {sql.Top(1)} m."Id" FROM "Members" m WHERE m."Id" IN (@ids) AND m."Status" = @status {sql.Limit(1)}""";

    [Fact]
    public void SQL_Server_answers_rows_with_OUTPUT_caps_with_TOP_and_delimits_with_brackets()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var update = SqlStatement.Build(db, Update, [SqlArg.Of<long>("id")], 0).Sql;
        var select = SqlStatement.Build(db, Select, [SqlArg.ListOf<long>("ids"), SqlArg.Like<Member>("status", nameof(Member.Status))], 4).Sql;

        Assert.Equal("""UPDATE [Members] SET [DisplayName] = 'a "b" @c' OUTPUT INSERTED.* WHERE [Id] = @id """, update);
        Assert.Equal("SELECT TOP (1) m.[Id] FROM [Members] m WHERE m.[Id] IN (@ids_0, @ids_1, @ids_2, @ids_3) AND m.[Status] = @status ", select);
    }

    [Fact]
    public void SQLite_and_PostgreSQL_answer_rows_with_RETURNING_and_cap_with_LIMIT()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var postgres = new PostgresDesignTimeFactory().CreateDbContext([]);

        foreach (MemberGraphDb db in new MemberGraphDb[] { sqlite, postgres })
        {
            var update = SqlStatement.Build(db, Update, [SqlArg.Of<long>("id")], 0).Sql;
            var select = SqlStatement.Build(db, Select, [SqlArg.ListOf<long>("ids"), SqlArg.Like<Member>("status", nameof(Member.Status))], 2).Sql;

            Assert.Equal("""UPDATE "Members" SET "DisplayName" = 'a "b" @c'  WHERE "Id" = @id RETURNING *""", update);
            Assert.Equal("""SELECT  m."Id" FROM "Members" m WHERE m."Id" IN (@ids_0, @ids_1) AND m."Status" = @status LIMIT 1""", select);
        }
    }

    [Fact]
    public void A_text_whose_parameters_differ_from_the_declared_ones_is_refused()
    {
        using var db = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.Throws<InvalidOperationException>(() => SqlStatement.Build(db, Update, [SqlArg.Of<long>("memberId")], 0));
        Assert.Throws<InvalidOperationException>(() => SqlStatement.Build(db, Update, [SqlArg.Of<long>("id"), SqlArg.Of<long>("other")], 0));
    }
}
