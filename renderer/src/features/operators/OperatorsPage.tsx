// Administrators add operators, change their roles and permissions, disable them, reset
// passwords and unlock; they also edit what each role may do.
import { PlusOutlined, SafetyOutlined } from '@ant-design/icons';
import { App, Button, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OperatorView } from '../../../../shared/api/types';
import { ROLES, type Role } from '../../../../shared/roles';
import { useNotifyError } from '../../app/hooks';
import { PageHeader } from '../../components/PageHeader';
import { useOperatorsQuery, useUnlockOperatorMutation } from './operatorsApi';
import { formatOfficeTime } from '../../components/officeClock';
import { CreateOperator } from './CreateOperator';
import { EditOperator } from './EditOperator';
import { ResetPassword } from './ResetPassword';
import { OperatorPermissions } from './OperatorPermissions';
import { RolePermissions } from './RolePermissions';

type Dialog =
  | { kind: 'create' }
  | { kind: 'edit'; operator: OperatorView }
  | { kind: 'reset'; operator: OperatorView }
  | { kind: 'permissions'; operator: OperatorView }
  | { kind: 'roles' }
  | null;

export function OperatorsPage({ currentOperatorId }: { currentOperatorId: number }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const notifyError = useNotifyError();
  const operators = useOperatorsQuery();
  const [unlock] = useUnlockOperatorMutation();
  const [dialog, setDialog] = useState<Dialog>(null);

  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`roles.${role}`) }));

  return (
    <div>
      <PageHeader
        title={t('operators.title')}
        extra={
          <Space>
            <Button icon={<SafetyOutlined />} onClick={() => setDialog({ kind: 'roles' })}>
              {t('operators.roleSets')}
            </Button>
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setDialog({ kind: 'create' })}
            >
              {t('operators.add')}
            </Button>
          </Space>
        }
      />
      <Table<OperatorView>
        rowKey="id"
        size="middle"
        loading={operators.isLoading}
        dataSource={operators.data ?? []}
        pagination={false}
        columns={[
          { title: t('operators.username'), dataIndex: 'username' },
          { title: t('operators.displayName'), dataIndex: 'displayName' },
          {
            title: t('operators.role'),
            dataIndex: 'role',
            render: (role: Role, op) => (
              <Space size={4}>
                {t(`roles.${role}`)}
                {op.granted.length + op.withheld.length > 0 && (
                  <Tag color="blue">
                    {t('operators.exceptions', { count: op.granted.length + op.withheld.length })}
                  </Tag>
                )}
              </Space>
            ),
          },
          {
            title: t('operators.state'),
            key: 'state',
            render: (_, op) => (
              <Space size={4}>
                {op.active ? (
                  <Tag color="green">{t('operators.active')}</Tag>
                ) : (
                  <Tag>{t('operators.disabled')}</Tag>
                )}
                {op.lockedUntil && <Tag color="red">{t('operators.locked')}</Tag>}
                {op.mustChangePassword && <Tag color="gold">{t('operators.mustChange')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('operators.lastLogin'),
            dataIndex: 'lastLoginAt',
            render: (at: string | null) =>
              at ? formatOfficeTime(at, i18n.language) : t('operators.never'),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_, op) => (
              <Space size={0}>
                <Button type="link" onClick={() => setDialog({ kind: 'edit', operator: op })}>
                  {t('operators.edit')}
                </Button>
                <Button
                  type="link"
                  onClick={() => setDialog({ kind: 'permissions', operator: op })}
                >
                  {t('operators.permissions')}
                </Button>
                <Button type="link" onClick={() => setDialog({ kind: 'reset', operator: op })}>
                  {t('operators.resetPassword')}
                </Button>
                {op.lockedUntil && (
                  <Button
                    type="link"
                    onClick={async () => {
                      const result = await unlock({ id: op.id });
                      if ('error' in result) notifyError(result.error);
                      else void message.success(t('operators.unlocked'));
                    }}
                  >
                    {t('operators.unlock')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {dialog?.kind === 'create' && (
        <CreateOperator roleOptions={roleOptions} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'edit' && (
        <EditOperator
          operator={dialog.operator}
          isSelf={dialog.operator.id === currentOperatorId}
          roleOptions={roleOptions}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog?.kind === 'permissions' && (
        <OperatorPermissions operator={dialog.operator} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'roles' && <RolePermissions onClose={() => setDialog(null)} />}
      {dialog?.kind === 'reset' && (
        <ResetPassword operator={dialog.operator} onClose={() => setDialog(null)} />
      )}
    </div>
  );
}

export default OperatorsPage;
