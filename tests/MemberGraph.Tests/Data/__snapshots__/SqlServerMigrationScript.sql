IF OBJECT_ID(N'[__EFMigrationsHistory]') IS NULL
BEGIN
    CREATE TABLE [__EFMigrationsHistory] (
        [MigrationId] nvarchar(150) NOT NULL,
        [ProductVersion] nvarchar(32) NOT NULL,
        CONSTRAINT [PK___EFMigrationsHistory] PRIMARY KEY ([MigrationId])
    );
END;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [AuditEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [Subject] nvarchar(200) NOT NULL,
        [Role] nvarchar(200) NOT NULL,
        [Operation] nvarchar(200) NOT NULL,
        [Target] nvarchar(200) NOT NULL,
        [Detail] nvarchar(2000) NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_AuditEntries] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [CouponTemplates] (
        [Id] bigint NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Description] nvarchar(500) NULL,
        [Kind] nvarchar(40) NOT NULL,
        [ValueKind] nvarchar(40) NOT NULL,
        [AmountOffCents] bigint NULL,
        [DiscountRate] int NULL,
        [GiftSku] nvarchar(64) NULL,
        [GiftDescription] nvarchar(200) NULL,
        [ThresholdCents] bigint NOT NULL,
        [ValidFrom] datetime2 NULL,
        [ValidUntil] datetime2 NULL,
        [ValidDaysAfterIssue] int NULL,
        [TotalStock] int NOT NULL,
        [Issued] int NOT NULL,
        [PerMemberLimit] int NOT NULL,
        [UsableStoreIds] nvarchar(max) NOT NULL,
        [UsableChannels] nvarchar(max) NOT NULL,
        [Claimable] bit NOT NULL,
        [PointsPrice] bigint NULL,
        [PartnerId] bigint NULL,
        [Status] nvarchar(40) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [RetiredAt] datetime2 NULL,
        CONSTRAINT [PK_CouponTemplates] PRIMARY KEY ([Id]),
        CONSTRAINT [CK_CouponTemplates_Stock] CHECK ("Issued" >= 0 AND "Issued" <= "TotalStock")
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [JobRuns] (
        [Id] bigint NOT NULL IDENTITY,
        [Job] nvarchar(64) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [TriggeredBy] nvarchar(200) NOT NULL,
        [StartedAt] datetime2 NOT NULL,
        [FinishedAt] datetime2 NULL,
        [Processed] bigint NOT NULL,
        [Total] bigint NULL,
        [Error] nvarchar(2000) NULL,
        [Summary] nvarchar(4000) NULL,
        CONSTRAINT [PK_JobRuns] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [MemberMerges] (
        [Id] bigint NOT NULL IDENTITY,
        [SurvivorId] bigint NOT NULL,
        [MergedId] bigint NOT NULL,
        [Reason] nvarchar(200) NOT NULL,
        [MergedAt] datetime2 NOT NULL,
        [MergedBy] nvarchar(200) NOT NULL,
        [MovedJson] nvarchar(max) NOT NULL,
        [FieldsJson] nvarchar(4000) NOT NULL,
        [UnmergedAt] datetime2 NULL,
        [UnmergedBy] nvarchar(200) NULL,
        CONSTRAINT [PK_MemberMerges] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Members] (
        [Id] bigint NOT NULL IDENTITY,
        [DisplayName] nvarchar(100) NOT NULL,
        [Phone] nvarchar(20) NULL,
        [Birthday] date NULL,
        [Gender] nvarchar(40) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [RegisteredAt] datetime2 NULL,
        [Status] nvarchar(40) NOT NULL,
        [MergedIntoId] bigint NULL,
        [FollowedOfficialAccount] bit NOT NULL,
        [AuthorizedMiniProgram] bit NOT NULL,
        [AddedGuideOnWeCom] bit NOT NULL,
        [MarketingConsent] bit NOT NULL,
        [HomeLatitude] float NULL,
        [HomeLongitude] float NULL,
        [TouchedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Members] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Segments] (
        [Id] bigint NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Expression] nvarchar(2000) NOT NULL,
        [LastCount] bigint NULL,
        [LastCountedAt] datetime2 NULL,
        [Owner] nvarchar(100) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Segments] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Stores] (
        [Id] bigint NOT NULL IDENTITY,
        [Code] nvarchar(32) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [City] nvarchar(200) NOT NULL,
        [Latitude] float NOT NULL,
        [Longitude] float NOT NULL,
        [DeliveryRadiusMeters] int NOT NULL,
        CONSTRAINT [PK_Stores] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [TagDefinitions] (
        [Id] bigint NOT NULL IDENTITY,
        [Key] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [RuleJson] nvarchar(2000) NULL,
        [Owner] nvarchar(200) NOT NULL,
        [Active] bit NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_TagDefinitions] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [WeComCallbackEvents] (
        [Id] bigint NOT NULL IDENTITY,
        [Key] nvarchar(64) NOT NULL,
        [ChangeType] nvarchar(40) NOT NULL,
        [UserId] nvarchar(64) NOT NULL,
        [ExternalUserId] nvarchar(128) NOT NULL,
        [State] nvarchar(64) NULL,
        [ReceivedAt] datetime2 NOT NULL,
        [Outcome] nvarchar(200) NOT NULL,
        CONSTRAINT [PK_WeComCallbackEvents] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Identities] (
        [Id] bigint NOT NULL IDENTITY,
        [Channel] nvarchar(40) NOT NULL,
        [ExternalId] nvarchar(128) NOT NULL,
        [MemberId] bigint NOT NULL,
        [LinkedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Identities] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Identities_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [MemberTiers] (
        [MemberId] bigint NOT NULL,
        [Level] int NOT NULL,
        [Since] datetime2 NOT NULL,
        [RecomputedAt] datetime2 NULL,
        CONSTRAINT [PK_MemberTiers] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_MemberTiers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Orders] (
        [Id] bigint NOT NULL IDENTITY,
        [Channel] nvarchar(40) NOT NULL,
        [ChannelOrderId] nvarchar(64) NOT NULL,
        [MemberId] bigint NOT NULL,
        [StoreId] bigint NULL,
        [GuideCode] nvarchar(30) NULL,
        [ShareParameter] nvarchar(128) NULL,
        [AttributedGuideId] bigint NULL,
        [AttributionSource] nvarchar(40) NOT NULL,
        [PaidAmountCents] bigint NOT NULL,
        [RefundedAmountCents] bigint NOT NULL,
        [PaidAt] datetime2 NOT NULL,
        [RecordedAt] datetime2 NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [PointsEarned] bigint NOT NULL,
        [ContentHash] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_Orders] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Orders_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [PointsAccounts] (
        [MemberId] bigint NOT NULL,
        [Balance] bigint NOT NULL,
        [Pending] bigint NOT NULL,
        [Version] bigint NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_PointsAccounts] PRIMARY KEY ([MemberId]),
        CONSTRAINT [FK_PointsAccounts_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [PointsEntries] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Amount] bigint NOT NULL,
        [PendingChange] bigint NOT NULL,
        [BalanceAfter] bigint NOT NULL,
        [PendingAfter] bigint NOT NULL,
        [Reason] nvarchar(200) NOT NULL,
        [SourceKind] nvarchar(40) NOT NULL,
        [SourceId] nvarchar(100) NULL,
        [IdempotencyKey] nvarchar(100) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_PointsEntries] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PointsEntries_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [PointsLots] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [OrderId] bigint NULL,
        [Earned] bigint NOT NULL,
        [Remaining] bigint NOT NULL,
        [EarnedAt] datetime2 NOT NULL,
        [AvailableAt] datetime2 NOT NULL,
        [ExpiresAt] datetime2 NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [Version] bigint NOT NULL,
        CONSTRAINT [PK_PointsLots] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PointsLots_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [TierChanges] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [FromLevel] int NOT NULL,
        [ToLevel] int NOT NULL,
        [Growth] bigint NOT NULL,
        [Reason] nvarchar(40) NOT NULL,
        [OrderId] bigint NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_TierChanges] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_TierChanges_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Coupons] (
        [Id] bigint NOT NULL IDENTITY,
        [TemplateId] bigint NOT NULL,
        [MemberId] bigint NOT NULL,
        [Code] nvarchar(16) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [Source] nvarchar(40) NOT NULL,
        [IssuedAt] datetime2 NOT NULL,
        [ValidFrom] datetime2 NOT NULL,
        [ValidUntil] datetime2 NOT NULL,
        [SentByGuideId] bigint NULL,
        [IdempotencyKey] nvarchar(120) NULL,
        [ReservedForOrderRef] nvarchar(100) NULL,
        [ReservedAt] datetime2 NULL,
        [RedeemedAt] datetime2 NULL,
        [RedeemedStoreId] bigint NULL,
        [RedeemedOrderRef] nvarchar(100) NULL,
        [RedeemedOrderAmountCents] bigint NULL,
        [RedeemedDiscountCents] bigint NULL,
        [ExpiredAt] datetime2 NULL,
        [ExpiringSoonNotifiedAt] datetime2 NULL,
        CONSTRAINT [PK_Coupons] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Coupons_CouponTemplates_TemplateId] FOREIGN KEY ([TemplateId]) REFERENCES [CouponTemplates] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Coupons_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_Coupons_Stores_RedeemedStoreId] FOREIGN KEY ([RedeemedStoreId]) REFERENCES [Stores] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [Guides] (
        [Id] bigint NOT NULL IDENTITY,
        [WeComUserId] nvarchar(64) NOT NULL,
        [Name] nvarchar(200) NOT NULL,
        [StoreId] bigint NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [GuideCode] nvarchar(30) NOT NULL,
        [ContactWayConfigId] nvarchar(64) NULL,
        [ContactWayQrCode] nvarchar(512) NULL,
        [ResignedAt] datetime2 NULL,
        CONSTRAINT [PK_Guides] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_Guides_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [MemberTags] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [TagId] bigint NOT NULL,
        [Value] nvarchar(64) NULL,
        [RuleRunId] bigint NULL,
        [GuideId] bigint NULL,
        [AssignedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_MemberTags] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MemberTags_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_MemberTags_TagDefinitions_TagId] FOREIGN KEY ([TagId]) REFERENCES [TagDefinitions] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [OrderLines] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] bigint NOT NULL,
        [LineNumber] int NOT NULL,
        [Sku] nvarchar(64) NOT NULL,
        [Category] nvarchar(40) NOT NULL,
        [Quantity] int NOT NULL,
        [AmountCents] bigint NOT NULL,
        [PaidShareCents] bigint NOT NULL,
        [Points] bigint NOT NULL,
        [RefundedQuantity] int NOT NULL,
        [RefundedCents] bigint NOT NULL,
        CONSTRAINT [PK_OrderLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [OrderRefunds] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] bigint NOT NULL,
        [RefundId] nvarchar(64) NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [AmountCents] bigint NOT NULL,
        [Reason] nvarchar(200) NULL,
        [RefundedAt] datetime2 NOT NULL,
        [PointsCancelled] bigint NOT NULL,
        [PointsDeducted] bigint NOT NULL,
        [PointsShortfall] bigint NOT NULL,
        [ContentHash] nvarchar(64) NOT NULL,
        CONSTRAINT [PK_OrderRefunds] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderRefunds_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [CustomerTransfers] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [FromGuideId] bigint NOT NULL,
        [ToGuideId] bigint NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [ExternalUserId] nvarchar(128) NULL,
        [Reason] nvarchar(200) NOT NULL,
        [RequestedBy] nvarchar(100) NOT NULL,
        [RequestedAt] datetime2 NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [CompletedAt] datetime2 NULL,
        [FailedAt] datetime2 NULL,
        [FailReason] nvarchar(200) NULL,
        [NewRelationshipId] bigint NULL,
        CONSTRAINT [PK_CustomerTransfers] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CustomerTransfers_Guides_FromGuideId] FOREIGN KEY ([FromGuideId]) REFERENCES [Guides] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CustomerTransfers_Guides_ToGuideId] FOREIGN KEY ([ToGuideId]) REFERENCES [Guides] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CustomerTransfers_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [GuideCommissionTotals] (
        [GuideId] bigint NOT NULL,
        [Day] date NOT NULL,
        [TodayCents] bigint NOT NULL,
        [Month] date NOT NULL,
        [MonthCents] bigint NOT NULL,
        [PendingCents] bigint NOT NULL,
        [SettledCents] bigint NOT NULL,
        [ClawedBackCents] bigint NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_GuideCommissionTotals] PRIMARY KEY ([GuideId]),
        CONSTRAINT [FK_GuideCommissionTotals_Guides_GuideId] FOREIGN KEY ([GuideId]) REFERENCES [Guides] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [GuideRelationships] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [GuideId] bigint NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Source] nvarchar(40) NOT NULL,
        [SourceDetail] nvarchar(64) NULL,
        [Since] datetime2 NOT NULL,
        [EndedAt] datetime2 NULL,
        [EndReason] nvarchar(200) NULL,
        CONSTRAINT [PK_GuideRelationships] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_GuideRelationships_Guides_GuideId] FOREIGN KEY ([GuideId]) REFERENCES [Guides] ([Id]) ON DELETE CASCADE,
        CONSTRAINT [FK_GuideRelationships_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [CommissionLines] (
        [Id] bigint NOT NULL IDENTITY,
        [OrderId] bigint NOT NULL,
        [OrderLineId] bigint NOT NULL,
        [LineNumber] int NOT NULL,
        [GuideId] bigint NOT NULL,
        [StoreId] bigint NULL,
        [Sku] nvarchar(64) NOT NULL,
        [Category] nvarchar(40) NOT NULL,
        [Rule] nvarchar(100) NOT NULL,
        [RateBasisPoints] int NULL,
        [BaseCents] bigint NOT NULL,
        [AmountCents] bigint NOT NULL,
        [ClawedBackCents] bigint NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [EarnedAt] datetime2 NOT NULL,
        [SettledAt] datetime2 NULL,
        [ClawedBackAt] datetime2 NULL,
        [SettlementId] nvarchar(36) NULL,
        [Version] int NOT NULL,
        CONSTRAINT [PK_CommissionLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CommissionLines_Guides_GuideId] FOREIGN KEY ([GuideId]) REFERENCES [Guides] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CommissionLines_OrderLines_OrderLineId] FOREIGN KEY ([OrderLineId]) REFERENCES [OrderLines] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CommissionLines_Orders_OrderId] FOREIGN KEY ([OrderId]) REFERENCES [Orders] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE TABLE [OrderRefundLines] (
        [Id] bigint NOT NULL IDENTITY,
        [RefundId] bigint NOT NULL,
        [OrderLineId] bigint NOT NULL,
        [LineNumber] int NOT NULL,
        [Quantity] int NOT NULL,
        [AmountCents] bigint NOT NULL,
        CONSTRAINT [PK_OrderRefundLines] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_OrderRefundLines_OrderRefunds_RefundId] FOREIGN KEY ([RefundId]) REFERENCES [OrderRefunds] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_Target] ON [AuditEntries] ([Target]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CommissionLines_GuideId_Id] ON [CommissionLines] ([GuideId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CommissionLines_OrderId] ON [CommissionLines] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_CommissionLines_OrderLineId] ON [CommissionLines] ([OrderLineId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CommissionLines_SettlementId] ON [CommissionLines] ([SettlementId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CommissionLines_Status_EarnedAt] ON [CommissionLines] ([Status], [EarnedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CouponTemplates_Status_Kind] ON [CouponTemplates] ([Status], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Coupons_Code] ON [Coupons] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Coupons_IdempotencyKey] ON [Coupons] ([IdempotencyKey]) WHERE "IdempotencyKey" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_MemberId_Status] ON [Coupons] ([MemberId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_RedeemedStoreId] ON [Coupons] ([RedeemedStoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_Status_ValidUntil] ON [Coupons] ([Status], [ValidUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_TemplateId_MemberId] ON [Coupons] ([TemplateId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_FromGuideId] ON [CustomerTransfers] ([FromGuideId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_MemberId_RequestedAt] ON [CustomerTransfers] ([MemberId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_CustomerTransfers_OnePending] ON [CustomerTransfers] ([MemberId]) WHERE "Status" = ''Pending''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_Status_DueAt] ON [CustomerTransfers] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_ToGuideId] ON [CustomerTransfers] ([ToGuideId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_GuideRelationships_GuideId_EndedAt] ON [GuideRelationships] ([GuideId], [EndedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_GuideRelationships_MemberId_Kind_EndedAt] ON [GuideRelationships] ([MemberId], [Kind], [EndedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_GuideRelationships_OneOpenExclusive] ON [GuideRelationships] ([MemberId]) WHERE "Kind" = ''Exclusive'' AND "EndedAt" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Guides_GuideCode] ON [Guides] ([GuideCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Guides_StoreId] ON [Guides] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Guides_WeComUserId] ON [Guides] ([WeComUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Identities_Channel_ExternalId] ON [Identities] ([Channel], [ExternalId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Identities_MemberId] ON [Identities] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_JobRuns_Job_StartedAt] ON [JobRuns] ([Job], [StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_JobRuns_Job_Status] ON [JobRuns] ([Job], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberMerges_MergedId] ON [MemberMerges] ([MergedId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberMerges_SurvivorId_MergedId] ON [MemberMerges] ([SurvivorId], [MergedId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberTags_MemberId] ON [MemberTags] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MemberTags_TagId_MemberId] ON [MemberTags] ([TagId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_MergedIntoId] ON [Members] ([MergedIntoId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_Phone] ON [Members] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_TouchedAt] ON [Members] ([TouchedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrderLines_OrderId_LineNumber] ON [OrderLines] ([OrderId], [LineNumber]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_OrderRefundLines_RefundId] ON [OrderRefundLines] ([RefundId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_OrderRefunds_OrderId_RefundId] ON [OrderRefunds] ([OrderId], [RefundId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_AttributedGuideId] ON [Orders] ([AttributedGuideId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Orders_Channel_ChannelOrderId] ON [Orders] ([Channel], [ChannelOrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_MemberId_Id] ON [Orders] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_MemberId_PaidAt] ON [Orders] ([MemberId], [PaidAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_Orders_StoreId] ON [Orders] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_PointsEntries_MemberId_Id] ON [PointsEntries] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PointsEntries_MemberId_IdempotencyKey] ON [PointsEntries] ([MemberId], [IdempotencyKey]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_PointsLots_MemberId_Status_ExpiresAt] ON [PointsLots] ([MemberId], [Status], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_PointsLots_OrderId] ON [PointsLots] ([OrderId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_PointsLots_Status_AvailableAt] ON [PointsLots] ([Status], [AvailableAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_PointsLots_Status_ExpiresAt] ON [PointsLots] ([Status], [ExpiresAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Segments_Name] ON [Segments] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Stores_Code] ON [Stores] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TagDefinitions_Key] ON [TagDefinitions] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_TierChanges_MemberId_Id] ON [TierChanges] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WeComCallbackEvents_Key] ON [WeComCallbackEvents] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    CREATE INDEX [IX_WeComCallbackEvents_ReceivedAt] ON [WeComCallbackEvents] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123211356_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123211356_Initial', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206071524_DemoStoreDetailsAndProductNames'
)
BEGIN
    ALTER TABLE [Stores] ADD [Address] nvarchar(200) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206071524_DemoStoreDetailsAndProductNames'
)
BEGIN
    ALTER TABLE [Stores] ADD [OpeningHours] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206071524_DemoStoreDetailsAndProductNames'
)
BEGIN
    ALTER TABLE [Stores] ADD [Phone] nvarchar(32) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206071524_DemoStoreDetailsAndProductNames'
)
BEGIN
    ALTER TABLE [OrderLines] ADD [ProductName] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206071524_DemoStoreDetailsAndProductNames'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206071524_DemoStoreDetailsAndProductNames', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    CREATE TABLE [CouponHistory] (
        [Id] bigint NOT NULL IDENTITY,
        [CouponId] bigint NOT NULL,
        [Event] nvarchar(40) NOT NULL,
        [At] datetime2 NOT NULL,
        [StoreId] bigint NULL,
        [OrderRef] nvarchar(100) NULL,
        [OrderAmountCents] bigint NULL,
        [DiscountCents] bigint NULL,
        CONSTRAINT [PK_CouponHistory] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_CouponHistory_Coupons_CouponId] FOREIGN KEY ([CouponId]) REFERENCES [Coupons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_CouponHistory_Stores_StoreId] FOREIGN KEY ([StoreId]) REFERENCES [Stores] ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    CREATE INDEX [IX_CouponHistory_CouponId_Id] ON [CouponHistory] ([CouponId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    CREATE INDEX [IX_CouponHistory_StoreId] ON [CouponHistory] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    INSERT INTO [CouponHistory] ([CouponId], [Event], [At]) SELECT [Id], 'Issued', [IssuedAt] FROM [Coupons];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    INSERT INTO [CouponHistory] ([CouponId], [Event], [At], [OrderRef]) SELECT [Id], 'Reserved', [ReservedAt], [ReservedForOrderRef] FROM [Coupons] WHERE [Status] = 'Reserved' AND [ReservedAt] IS NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    INSERT INTO [CouponHistory] ([CouponId], [Event], [At], [StoreId], [OrderRef], [OrderAmountCents], [DiscountCents]) SELECT [Id], 'Redeemed', [RedeemedAt], [RedeemedStoreId], [RedeemedOrderRef], [RedeemedOrderAmountCents], [RedeemedDiscountCents] FROM [Coupons] WHERE [Status] = 'Redeemed' AND [RedeemedAt] IS NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    INSERT INTO [CouponHistory] ([CouponId], [Event], [At]) SELECT [Id], 'Expired', [ExpiredAt] FROM [Coupons] WHERE [Status] = 'Expired' AND [ExpiredAt] IS NOT NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206072005_CouponHistory'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206072005_CouponHistory', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE TABLE [Partners] (
        [Id] bigint NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [ClientId] nvarchar(64) NOT NULL,
        [SecretHash] varbinary(32) NOT NULL,
        [SecretVersion] int NOT NULL,
        [Scopes] nvarchar(200) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [SecretRotatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Partners] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE TABLE [PairwiseIdentities] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [PartnerId] bigint NOT NULL,
        [PairwiseId] nvarchar(24) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_PairwiseIdentities] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PairwiseIdentities_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PairwiseIdentities_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE TABLE [PartnerConsentLedger] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [PartnerId] bigint NOT NULL,
        [Purpose] nvarchar(40) NOT NULL,
        [Action] nvarchar(40) NOT NULL,
        [Channel] nvarchar(40) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_PartnerConsentLedger] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartnerConsentLedger_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PartnerConsentLedger_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE TABLE [PartnerConsents] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [PartnerId] bigint NOT NULL,
        [Purpose] nvarchar(40) NOT NULL,
        [Channel] nvarchar(40) NOT NULL,
        [GrantedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_PartnerConsents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartnerConsents_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PartnerConsents_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PairwiseIdentities_MemberId_PartnerId] ON [PairwiseIdentities] ([MemberId], [PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PairwiseIdentities_PartnerId_PairwiseId] ON [PairwiseIdentities] ([PartnerId], [PairwiseId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE INDEX [IX_PartnerConsentLedger_MemberId_Id] ON [PartnerConsentLedger] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE INDEX [IX_PartnerConsentLedger_PartnerId] ON [PartnerConsentLedger] ([PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartnerConsents_MemberId_PartnerId_Purpose] ON [PartnerConsents] ([MemberId], [PartnerId], [Purpose]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE INDEX [IX_PartnerConsents_PartnerId_MemberId] ON [PartnerConsents] ([PartnerId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Partners_ClientId] ON [Partners] ([ClientId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Partners_Name] ON [Partners] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206101453_PartnerMalls'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206101453_PartnerMalls', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    CREATE TABLE [PartnerDailyCredits] (
        [Id] bigint NOT NULL IDENTITY,
        [PartnerId] bigint NOT NULL,
        [BusinessDate] date NOT NULL,
        [MemberId] bigint NOT NULL,
        [Points] bigint NOT NULL,
        CONSTRAINT [PK_PartnerDailyCredits] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartnerDailyCredits_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    CREATE TABLE [PartnerTransactions] (
        [Id] bigint NOT NULL IDENTITY,
        [PartnerId] bigint NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [TransactionId] nvarchar(64) NOT NULL,
        [MemberId] bigint NOT NULL,
        [PairwiseId] nvarchar(24) NULL,
        [CouponId] bigint NULL,
        [BenefitName] nvarchar(100) NULL,
        [Points] bigint NOT NULL,
        [PartnerPoints] bigint NULL,
        [At] datetime2 NOT NULL,
        [BusinessDate] date NOT NULL,
        CONSTRAINT [PK_PartnerTransactions] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_PartnerTransactions_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_PartnerTransactions_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartnerDailyCredits_PartnerId_BusinessDate_MemberId] ON [PartnerDailyCredits] ([PartnerId], [BusinessDate], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    CREATE INDEX [IX_PartnerTransactions_MemberId] ON [PartnerTransactions] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    CREATE INDEX [IX_PartnerTransactions_PartnerId_BusinessDate_Id] ON [PartnerTransactions] ([PartnerId], [BusinessDate], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    CREATE UNIQUE INDEX [IX_PartnerTransactions_PartnerId_Kind_TransactionId] ON [PartnerTransactions] ([PartnerId], [Kind], [TransactionId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206113049_PartnerTransactions'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206113049_PartnerTransactions', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE TABLE [AccessLog] (
        [Id] bigint NOT NULL IDENTITY,
        [At] datetime2 NOT NULL,
        [Subject] nvarchar(200) NOT NULL,
        [Role] nvarchar(40) NOT NULL,
        [MemberId] bigint NOT NULL,
        [Operation] nvarchar(100) NOT NULL,
        [Fields] nvarchar(1000) NOT NULL,
        CONSTRAINT [PK_AccessLog] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE TABLE [ConsentLedger] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [Purpose] nvarchar(40) NOT NULL,
        [TemplateId] nvarchar(128) NULL,
        [PartnerId] bigint NULL,
        [Action] nvarchar(40) NOT NULL,
        [Channel] nvarchar(40) NOT NULL,
        [At] datetime2 NOT NULL,
        CONSTRAINT [PK_ConsentLedger] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_ConsentLedger_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_ConsentLedger_Partners_PartnerId] FOREIGN KEY ([PartnerId]) REFERENCES [Partners] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE TABLE [MarketingConsents] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [Purpose] nvarchar(40) NOT NULL,
        [TemplateId] nvarchar(128) NOT NULL,
        [Remaining] int NULL,
        [Channel] nvarchar(40) NOT NULL,
        [GrantedAt] datetime2 NOT NULL,
        [LastGrantedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_MarketingConsents] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_MarketingConsents_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE TABLE [SubscribeMessages] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [Purpose] nvarchar(40) NOT NULL,
        [SubjectId] bigint NOT NULL,
        [TemplateId] nvarchar(128) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [WeChatMessageId] bigint NULL,
        [ErrCode] int NULL,
        [CreatedAt] datetime2 NOT NULL,
        [AnsweredAt] datetime2 NULL,
        CONSTRAINT [PK_SubscribeMessages] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_SubscribeMessages_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_AccessLog_At] ON [AccessLog] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_AccessLog_MemberId_At] ON [AccessLog] ([MemberId], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_AccessLog_Subject_At] ON [AccessLog] ([Subject], [At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_ConsentLedger_MemberId_Id] ON [ConsentLedger] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_ConsentLedger_PartnerId] ON [ConsentLedger] ([PartnerId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MarketingConsents_MemberId_Purpose_TemplateId] ON [MarketingConsents] ([MemberId], [Purpose], [TemplateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_MarketingConsents_Purpose_TemplateId_MemberId] ON [MarketingConsents] ([Purpose], [TemplateId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE INDEX [IX_SubscribeMessages_MemberId_Id] ON [SubscribeMessages] ([MemberId], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    CREATE UNIQUE INDEX [IX_SubscribeMessages_Purpose_SubjectId] ON [SubscribeMessages] ([Purpose], [SubjectId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    INSERT INTO [ConsentLedger] ([MemberId], [Purpose], [PartnerId], [Action], [Channel], [At]) SELECT [MemberId], CASE [Purpose] WHEN 'Benefits' THEN 'PartnerBenefits' ELSE 'PartnerPointsExchange' END, [PartnerId], [Action], [Channel], [At] FROM [PartnerConsentLedger] ORDER BY [Id];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206124432_ConsentsAndAccessLog'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206124432_ConsentsAndAccessLog', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    CREATE TABLE [DataExports] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [BusinessDay] date NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [KeptUntil] datetime2 NOT NULL,
        [Content] nvarchar(max) NOT NULL,
        CONSTRAINT [PK_DataExports] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    CREATE TABLE [ErasureRequests] (
        [Id] bigint NOT NULL IDENTITY,
        [MemberId] bigint NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [RequestedAt] datetime2 NOT NULL,
        [RequestedBy] nvarchar(100) NOT NULL,
        [RequestedByRole] nvarchar(40) NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [CancelledAt] datetime2 NULL,
        [CancelledBy] nvarchar(100) NULL,
        [CompletedAt] datetime2 NULL,
        CONSTRAINT [PK_ErasureRequests] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    CREATE INDEX [IX_DataExports_KeptUntil] ON [DataExports] ([KeptUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    CREATE UNIQUE INDEX [IX_DataExports_MemberId_BusinessDay] ON [DataExports] ([MemberId], [BusinessDay]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_ErasureRequests_MemberId_Pending] ON [ErasureRequests] ([MemberId]) WHERE "Status" = ''Pending''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    CREATE INDEX [IX_ErasureRequests_Status_DueAt] ON [ErasureRequests] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206134152_DataExportsAndErasureRequests'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206134152_DataExportsAndErasureRequests', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE TABLE [GuideTaskCampaigns] (
        [Id] bigint NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Script] nvarchar(2000) NOT NULL,
        [SegmentId] bigint NOT NULL,
        [CouponTemplateId] bigint NULL,
        [DueDays] int NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [FilledUpToMemberId] bigint NOT NULL,
        [LastMemberId] bigint NOT NULL,
        [CreatedBy] nvarchar(100) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [FilledAt] datetime2 NULL,
        CONSTRAINT [PK_GuideTaskCampaigns] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_GuideTaskCampaigns_CouponTemplates_CouponTemplateId] FOREIGN KEY ([CouponTemplateId]) REFERENCES [CouponTemplates] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_GuideTaskCampaigns_Segments_SegmentId] FOREIGN KEY ([SegmentId]) REFERENCES [Segments] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE TABLE [GuideTasks] (
        [Id] bigint NOT NULL IDENTITY,
        [CampaignId] bigint NULL,
        [SourceKey] nvarchar(200) NULL,
        [Kind] nvarchar(40) NOT NULL,
        [Script] nvarchar(2000) NULL,
        [CouponTemplateId] bigint NULL,
        [MemberId] bigint NOT NULL,
        [GuideId] bigint NULL,
        [StoreId] bigint NULL,
        [Route] nvarchar(40) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [Outcome] nvarchar(40) NULL,
        [Note] nvarchar(500) NULL,
        [CreatedAt] datetime2 NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [DoneAt] datetime2 NULL,
        [CouponId] bigint NULL,
        CONSTRAINT [PK_GuideTasks] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_GuideTasks_Coupons_CouponId] FOREIGN KEY ([CouponId]) REFERENCES [Coupons] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_GuideTasks_GuideTaskCampaigns_CampaignId] FOREIGN KEY ([CampaignId]) REFERENCES [GuideTaskCampaigns] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_GuideTasks_Guides_GuideId] FOREIGN KEY ([GuideId]) REFERENCES [Guides] ([Id]) ON DELETE NO ACTION,
        CONSTRAINT [FK_GuideTasks_Members_MemberId] FOREIGN KEY ([MemberId]) REFERENCES [Members] ([Id]) ON DELETE NO ACTION
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTaskCampaigns_CouponTemplateId] ON [GuideTaskCampaigns] ([CouponTemplateId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTaskCampaigns_SegmentId] ON [GuideTaskCampaigns] ([SegmentId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTaskCampaigns_Status] ON [GuideTaskCampaigns] ([Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_GuideTasks_CampaignId_MemberId] ON [GuideTasks] ([CampaignId], [MemberId]) WHERE [CampaignId] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTasks_CampaignId_Status] ON [GuideTasks] ([CampaignId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTasks_CouponId] ON [GuideTasks] ([CouponId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTasks_GuideId_Status_Id] ON [GuideTasks] ([GuideId], [Status], [Id]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTasks_MemberId] ON [GuideTasks] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_GuideTasks_SourceKey] ON [GuideTasks] ([SourceKey]) WHERE [SourceKey] IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    CREATE INDEX [IX_GuideTasks_Status_DueAt] ON [GuideTasks] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206143226_GuideTaskCampaigns'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206143226_GuideTaskCampaigns', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE TABLE [Journeys] (
        [Id] bigint NOT NULL IDENTITY,
        [Name] nvarchar(100) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [TriggerKind] nvarchar(40) NOT NULL,
        [TriggerPurchaseNumber] int NULL,
        [TriggerSegmentId] bigint NULL,
        [WaitMinutes] int NOT NULL,
        [ConditionSegmentId] bigint NULL,
        [ConditionExpression] nvarchar(2000) NULL,
        [CapMaxActions] int NULL,
        [CapPerDays] int NULL,
        [ConversionWindowDays] int NOT NULL,
        [Owner] nvarchar(100) NOT NULL,
        [CreatedAt] datetime2 NOT NULL,
        [UpdatedAt] datetime2 NOT NULL,
        [Actions] nvarchar(max) NULL,
        CONSTRAINT [PK_Journeys] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE TABLE [JourneyEnrolments] (
        [Id] bigint NOT NULL IDENTITY,
        [JourneyId] bigint NOT NULL,
        [MemberId] bigint NOT NULL,
        [Occurrence] nvarchar(100) NOT NULL,
        [Status] nvarchar(40) NOT NULL,
        [SkipReason] nvarchar(40) NULL,
        [EnrolledAt] datetime2 NOT NULL,
        [DueAt] datetime2 NOT NULL,
        [ActedAt] datetime2 NULL,
        [Outcome] nvarchar(500) NULL,
        [CouponId] bigint NULL,
        [FailedAttempts] int NOT NULL,
        [ConvertBy] datetime2 NULL,
        CONSTRAINT [PK_JourneyEnrolments] PRIMARY KEY ([Id]),
        CONSTRAINT [FK_JourneyEnrolments_Journeys_JourneyId] FOREIGN KEY ([JourneyId]) REFERENCES [Journeys] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_JourneyEnrolments_JourneyId_MemberId_Occurrence] ON [JourneyEnrolments] ([JourneyId], [MemberId], [Occurrence]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE INDEX [IX_JourneyEnrolments_JourneyId_Status] ON [JourneyEnrolments] ([JourneyId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE INDEX [IX_JourneyEnrolments_MemberId_ActedAt] ON [JourneyEnrolments] ([MemberId], [ActedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE INDEX [IX_JourneyEnrolments_Status_DueAt] ON [JourneyEnrolments] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Journeys_Name] ON [Journeys] ([Name]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    CREATE INDEX [IX_Journeys_TriggerKind_Status] ON [Journeys] ([TriggerKind], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206154559_Journeys'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206154559_Journeys', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155025_KpiPeriodIndexes'
)
BEGIN
    DROP INDEX [IX_Orders_AttributedGuideId] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155025_KpiPeriodIndexes'
)
BEGIN
    DROP INDEX [IX_Orders_StoreId] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155025_KpiPeriodIndexes'
)
BEGIN
    CREATE INDEX [IX_Orders_AttributedGuideId_PaidAt] ON [Orders] ([AttributedGuideId], [PaidAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155025_KpiPeriodIndexes'
)
BEGIN
    CREATE INDEX [IX_Orders_StoreId_PaidAt] ON [Orders] ([StoreId], [PaidAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155025_KpiPeriodIndexes'
)
BEGIN
    CREATE INDEX [IX_CommissionLines_GuideId_EarnedAt] ON [CommissionLines] ([GuideId], [EarnedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206155025_KpiPeriodIndexes'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206155025_KpiPeriodIndexes', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160953_StoreKpiCoveringIndex'
)
BEGIN
    DROP INDEX [IX_Orders_StoreId_PaidAt] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160953_StoreKpiCoveringIndex'
)
BEGIN
    CREATE INDEX [IX_Orders_StoreId_PaidAt_Covering] ON [Orders] ([StoreId], [PaidAt], [MemberId], [Status], [PaidAmountCents], [RefundedAmountCents]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206160953_StoreKpiCoveringIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206160953_StoreKpiCoveringIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206172456_SegmentMemberships'
)
BEGIN
    CREATE TABLE [SegmentMemberships] (
        [SegmentId] bigint NOT NULL,
        [MemberId] bigint NOT NULL,
        [IsIn] bit NOT NULL,
        [Entries] int NOT NULL,
        [ChangedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_SegmentMemberships] PRIMARY KEY ([SegmentId], [MemberId]),
        CONSTRAINT [FK_SegmentMemberships_Segments_SegmentId] FOREIGN KEY ([SegmentId]) REFERENCES [Segments] ([Id]) ON DELETE CASCADE
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206172456_SegmentMemberships'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206172456_SegmentMemberships', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206174136_AttributedKpiCoveringIndex'
)
BEGIN
    DROP INDEX [IX_Orders_AttributedGuideId_PaidAt] ON [Orders];
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206174136_AttributedKpiCoveringIndex'
)
BEGIN
    CREATE INDEX [IX_Orders_AttributedGuideId_PaidAt_Covering] ON [Orders] ([AttributedGuideId], [PaidAt], [MemberId], [Status], [PaidAmountCents], [RefundedAmountCents]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206174136_AttributedKpiCoveringIndex'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206174136_AttributedKpiCoveringIndex', N'10.0.15');
END;

COMMIT;
GO

BEGIN TRANSACTION;
IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206174901_GuideTaskCampaignIdempotencyKey'
)
BEGIN
    ALTER TABLE [GuideTaskCampaigns] ADD [IdempotencyKey] nvarchar(100) NULL;
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206174901_GuideTaskCampaignIdempotencyKey'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_GuideTaskCampaigns_IdempotencyKey] ON [GuideTaskCampaigns] ([IdempotencyKey]) WHERE "IdempotencyKey" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261206174901_GuideTaskCampaignIdempotencyKey'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261206174901_GuideTaskCampaignIdempotencyKey', N'10.0.15');
END;

COMMIT;
GO

