-- CreateTable
CREATE TABLE "DeploymentKeyFingerprint" (
    "name" TEXT NOT NULL,
    "fingerprint" TEXT NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "DeploymentKeyFingerprint_pkey" PRIMARY KEY ("name")
);
