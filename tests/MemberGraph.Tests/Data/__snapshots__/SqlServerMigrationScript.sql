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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
        [TouchedAt] datetime2 NOT NULL,
        CONSTRAINT [PK_Members] PRIMARY KEY ([Id])
    );
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
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
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_At] ON [AuditEntries] ([At]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_AuditEntries_Target] ON [AuditEntries] ([Target]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_CouponTemplates_Status_Kind] ON [CouponTemplates] ([Status], [Kind]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Coupons_Code] ON [Coupons] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_Coupons_IdempotencyKey] ON [Coupons] ([IdempotencyKey]) WHERE "IdempotencyKey" IS NOT NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_MemberId_Status] ON [Coupons] ([MemberId], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_RedeemedStoreId] ON [Coupons] ([RedeemedStoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_Status_ValidUntil] ON [Coupons] ([Status], [ValidUntil]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Coupons_TemplateId_MemberId] ON [Coupons] ([TemplateId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_FromGuideId] ON [CustomerTransfers] ([FromGuideId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_MemberId_RequestedAt] ON [CustomerTransfers] ([MemberId], [RequestedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_CustomerTransfers_OnePending] ON [CustomerTransfers] ([MemberId]) WHERE "Status" = ''Pending''');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_Status_DueAt] ON [CustomerTransfers] ([Status], [DueAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_CustomerTransfers_ToGuideId] ON [CustomerTransfers] ([ToGuideId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_GuideRelationships_GuideId_EndedAt] ON [GuideRelationships] ([GuideId], [EndedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_GuideRelationships_MemberId_Kind_EndedAt] ON [GuideRelationships] ([MemberId], [Kind], [EndedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    EXEC(N'CREATE UNIQUE INDEX [IX_GuideRelationships_OneOpenExclusive] ON [GuideRelationships] ([MemberId]) WHERE "Kind" = ''Exclusive'' AND "EndedAt" IS NULL');
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Guides_GuideCode] ON [Guides] ([GuideCode]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Guides_StoreId] ON [Guides] ([StoreId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Guides_WeComUserId] ON [Guides] ([WeComUserId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Identities_Channel_ExternalId] ON [Identities] ([Channel], [ExternalId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Identities_MemberId] ON [Identities] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_JobRuns_Job_StartedAt] ON [JobRuns] ([Job], [StartedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_JobRuns_Job_Status] ON [JobRuns] ([Job], [Status]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberMerges_MergedId] ON [MemberMerges] ([MergedId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberMerges_SurvivorId_MergedId] ON [MemberMerges] ([SurvivorId], [MergedId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_MemberTags_MemberId] ON [MemberTags] ([MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_MemberTags_TagId_MemberId] ON [MemberTags] ([TagId], [MemberId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_MergedIntoId] ON [Members] ([MergedIntoId]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_Phone] ON [Members] ([Phone]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_Members_TouchedAt] ON [Members] ([TouchedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_Stores_Code] ON [Stores] ([Code]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_TagDefinitions_Key] ON [TagDefinitions] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE UNIQUE INDEX [IX_WeComCallbackEvents_Key] ON [WeComCallbackEvents] ([Key]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    CREATE INDEX [IX_WeComCallbackEvents_ReceivedAt] ON [WeComCallbackEvents] ([ReceivedAt]);
END;

IF NOT EXISTS (
    SELECT * FROM [__EFMigrationsHistory]
    WHERE [MigrationId] = N'20261123200546_Initial'
)
BEGIN
    INSERT INTO [__EFMigrationsHistory] ([MigrationId], [ProductVersion])
    VALUES (N'20261123200546_Initial', N'10.0.15');
END;

COMMIT;
GO

