using MemberGraph.Members;

namespace MemberGraph.Seeding;

/// <summary>One generated demo member with the identities the channels know them by.</summary>
internal sealed record DemoPerson(
    string Name, string? Phone, DateOnly? Birthday, Gender Gender, DateTime CreatedAt, DateTime? RegisteredAt,
    bool FollowedOfficialAccount, bool AuthorizedMiniProgram, bool MarketingConsent, List<(IdentityChannel Channel, string ExternalId)> Identities)
{
    /// <summary>Every 50th member is the marketplace/till half of the previous member (a person seen twice).</summary>
    public static bool IsSecondHalf(long memberId) => memberId % 50 == 0;

    /// <summary>
    /// A home location near one of the demo cities (Shanghai twice as likely, like its stores), within about 9 km of
    /// the centre. Derived from the id alone, so the seed's random stream, and with it the rest of the demo data, is
    /// the same as without it.
    /// </summary>
    public static (double Latitude, double Longitude) HomeOf(long memberId)
    {
        var bits = Mix((ulong)memberId);
        var cityIndex = (int)(bits % 5);
        var city = DemoBrand.Cities[cityIndex < 2 ? 0 : cityIndex - 1];
        var dLat = ((bits >> 8) & 0xFFFF) / 65535.0 - 0.5;
        var dLon = ((bits >> 24) & 0xFFFF) / 65535.0 - 0.5;
        return (Math.Round(city.Latitude + dLat * 0.16, 6), Math.Round(city.Longitude + dLon * 0.16, 6));
    }

    // SplitMix64: a well-spread 64-bit hash of the id.
    private static ulong Mix(ulong x)
    {
        x += 0x9E3779B97F4A7C15;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EB;
        return x ^ (x >> 31);
    }

    public static string PhoneOf(long memberId) => $"1{38 + memberId % 3}{memberId % 100_000_000:00000000}";

    public static DemoPerson Create(Random random, long id, DateTime now)
    {
        var name = DemoSeeder.PersonName(random);
        var createdAt = now.AddDays(-random.Next(1, 900)).AddMinutes(-random.Next(0, 1440));
        var birthday = random.Next(10) < 8 ? new DateOnly(1965 + random.Next(0, 40), random.Next(1, 13), random.Next(1, 29)) : (DateOnly?)null;
        var gender = (Gender)random.Next(0, 3);
        var identities = new List<(IdentityChannel, string)>();

        if (IsSecondHalf(id))
        {
            // The same person as member id-1, known here only by phone and a marketplace/till id.
            var phone = PhoneOf(id - 1);
            identities.Add((IdentityChannel.Phone, phone));
            identities.Add(random.Next(3) switch
            {
                0 => (IdentityChannel.TmallOuid, $"tm{id:0000000}"),
                1 => (IdentityChannel.JdPin, $"jd_{id:0000000}"),
                _ => (IdentityChannel.PosCard, $"POS{id:00000000}"),
            });
            return new DemoPerson(name, phone, birthday, gender, createdAt, createdAt, false, false, false, identities);
        }

        var onMiniProgram = random.Next(10) < 7;
        var registered = !IsSecondHalf(id + 1) && (!onMiniProgram || random.Next(10) < 8);
        string? ownPhone = registered ? PhoneOf(id) : null;
        if (onMiniProgram)
        {
            identities.Add((IdentityChannel.WechatOpenid, $"oMG{id:000000000}"));
            identities.Add((IdentityChannel.WechatUnionid, $"uMG{id:000000000}"));
        }

        if (ownPhone is not null)
        {
            identities.Add((IdentityChannel.Phone, ownPhone));
        }

        if (random.Next(10) < 3)
        {
            identities.Add((IdentityChannel.TmallOuid, $"tm{id:0000000}"));
        }

        if (random.Next(10) < 2)
        {
            identities.Add((IdentityChannel.JdPin, $"jd_{id:0000000}"));
        }

        if (!onMiniProgram || random.Next(10) < 3)
        {
            identities.Add((IdentityChannel.PosCard, $"POS{id:00000000}"));
        }

        return new DemoPerson(name, ownPhone, birthday, gender, createdAt, ownPhone is null ? null : createdAt,
            onMiniProgram && random.Next(10) < 6, onMiniProgram, random.Next(10) < 5, identities);
    }
}
